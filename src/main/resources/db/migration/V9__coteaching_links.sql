-- Linking sections (issue 6, part 1). Package app.tandem.coteaching. Invitations, the district's co-teaching policy,
-- the link audit log and failed code attempts (rate limit). Written in the SQL subset shared by H2 (MODE=LEGACY) and
-- PostgreSQL. Ids are UUID strings.

-- An invitation to link with one section. Only the SHA-256 of the normalised code is kept (the code itself is shown
-- once, to the teacher who created it). Single use: used_at is set by the join that consumed it.
CREATE TABLE ct_invitation (
    id               VARCHAR(36)   PRIMARY KEY,
    district_id      VARCHAR(36)   NOT NULL REFERENCES district (id),
    section_id       VARCHAR(36)   NOT NULL REFERENCES section (id) ON DELETE CASCADE,
    code_hash        VARCHAR(64)   NOT NULL,
    label            VARCHAR(200),
    created_by       VARCHAR(36)   NOT NULL,
    created_by_name  VARCHAR(300),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at          TIMESTAMP WITH TIME ZONE,
    used_by          VARCHAR(36),
    used_section_id  VARCHAR(36),
    revoked_at       TIMESTAMP WITH TIME ZONE,
    revoked_by       VARCHAR(36),
    CONSTRAINT uq_ct_invitation_code UNIQUE (code_hash)
);
CREATE INDEX ix_ct_invitation_section ON ct_invitation (section_id, created_at);

-- A district's co-teaching policy, set by its coordinators. No row: the defaults (same platform only, groups of at
-- most 4, linked teachers read but do not edit each other's course maps, plans do not name students). Linking is
-- always within one district; there is no setting to link across districts.
CREATE TABLE ct_district_policy (
    district_id             VARCHAR(36)   PRIMARY KEY REFERENCES district (id),
    allow_cross_platform    BOOLEAN       NOT NULL,
    max_group_size          INT           NOT NULL,
    linked_may_edit         BOOLEAN       NOT NULL,
    plans_may_name_students BOOLEAN       NOT NULL,
    updated_by              VARCHAR(36),
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    version                 BIGINT        NOT NULL
);

-- Every link change: INVITED, INVITATION_REVOKED, CREATED (a group, with its first section), JOINED, LEFT,
-- DISSOLVED, POLICY_CHANGED. Titles are copied so the log reads well after sections or groups are gone.
CREATE TABLE ct_link_audit (
    id                  VARCHAR(36)    PRIMARY KEY,
    district_id         VARCHAR(36)    NOT NULL REFERENCES district (id),
    occurred_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id            VARCHAR(36),
    actor_name          VARCHAR(300),
    action              VARCHAR(30)    NOT NULL,
    group_id            VARCHAR(36),
    group_name          VARCHAR(300),
    section_id          VARCHAR(36),
    section_title       VARCHAR(500),
    other_section_id    VARCHAR(36),
    other_section_title VARCHAR(500),
    detail              VARCHAR(2000)
);
CREATE INDEX ix_ct_link_audit_district ON ct_link_audit (district_id, occurred_at);

-- Wrong, expired, used, revoked or foreign codes entered, per person: at most 10 in 15 minutes.
CREATE TABLE ct_code_failure (
    id         VARCHAR(36)   PRIMARY KEY,
    person_id  VARCHAR(36)   NOT NULL,
    failed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_ct_code_failure_person ON ct_code_failure (person_id, failed_at);
