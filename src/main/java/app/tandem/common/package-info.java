/**
 * Small cross-cutting pieces with no business meaning, usable from every slice: server settings,
 * template rendering, JSON error bodies, the admin-API bearer check and secure random tokens.
 * Nothing here imports another Tandem package.
 */
package app.tandem.common;
