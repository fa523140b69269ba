-- Link groups of sections (issue 6). Package app.tandem.coteaching. The core tables other features read
-- (through coteaching's implementation of alignment's LinkedSections); invitations, policies, plans and the
-- audit log come in later migrations.

CREATE TABLE ct_link_group (
    id           VARCHAR(36)   PRIMARY KEY,
    district_id  VARCHAR(36)   NOT NULL REFERENCES district (id),
    name         VARCHAR(300)  NOT NULL,
    created_by   VARCHAR(36),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    dissolved_at TIMESTAMP WITH TIME ZONE,
    version      BIGINT        NOT NULL
);
CREATE INDEX ix_ct_link_group_district ON ct_link_group (district_id);

-- A section is in at most one live link group.
CREATE TABLE ct_group_section (
    group_id     VARCHAR(36)   NOT NULL REFERENCES ct_link_group (id) ON DELETE CASCADE,
    section_id   VARCHAR(36)   NOT NULL REFERENCES section (id) ON DELETE CASCADE,
    joined_by    VARCHAR(36),
    joined_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (group_id, section_id),
    CONSTRAINT uq_ct_group_section UNIQUE (section_id)
);
