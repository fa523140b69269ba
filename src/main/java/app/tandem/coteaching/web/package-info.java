/** Co-teaching's pages (htmx fragments under /app) and JSON API (/api). */
package app.tandem.coteaching.web;
