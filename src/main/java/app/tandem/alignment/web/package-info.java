/** Alignment's pages, htmx fragments and JSON API (/app/course…, /api/sections/{id}/…). */
package app.tandem.alignment.web;
