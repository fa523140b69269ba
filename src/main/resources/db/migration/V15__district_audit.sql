-- The district audit log of coordinator actions (DESIGN.md "Security"; docs/operations.md "Audit log"). One row per
-- state change made by a coordinator or through the admin API, written in the transaction of the change (a rolled-back
-- action leaves no row). Names and labels are copied at the time. details is short text or JSON: never secrets, never
-- student data. district_id is null only for admin-API changes that belong to no district (registrations, tool keys).
-- Kept until the district is deleted (ON DELETE CASCADE). Written in the SQL subset shared by H2 (MODE=LEGACY) and
-- PostgreSQL. Ids are UUID strings.

CREATE TABLE district_audit (
    id            VARCHAR(36)    PRIMARY KEY,
    district_id   VARCHAR(36)    REFERENCES district (id) ON DELETE CASCADE,
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id      VARCHAR(36),
    actor_name    VARCHAR(300),
    actor_kind    VARCHAR(20)    NOT NULL,
    action        VARCHAR(60)    NOT NULL,
    target_type   VARCHAR(40),
    target_id     VARCHAR(300),
    target_label  VARCHAR(500),
    details       VARCHAR(2000)
);
CREATE INDEX ix_district_audit_district_at ON district_audit (district_id, at DESC);
