/** District admin API. */
package app.tandem.district.web;
