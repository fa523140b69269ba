/**
 * Districts — Tandem's tenants. A district owns the deployments mapped to it (through {@code lti}'s public API),
 * and later its enabled frameworks, policies, coordinators and audit log.
 * {@code domain} holds the entity, {@code application} the service (and the {@code lti} TenantDirectory it
 * implements), {@code web} the admin API at /api/admin/districts.
 */
package app.tandem.district;
