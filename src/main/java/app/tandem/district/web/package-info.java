/** District admin API and the coordinator's district audit log (page and JSON API). */
package app.tandem.district.web;
