/** District services. */
package app.tandem.district.application;
