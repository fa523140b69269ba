/** District entities. */
package app.tandem.district.domain;
