-- Course maps, alignments, suggestions and student statements (issue 5). Package app.tandem.alignment.
-- Written in the SQL subset shared by H2 (MODE=LEGACY) and PostgreSQL. Ids are UUID strings.
-- Standards are referenced by std_item.id without a foreign key: alignments outlive retired (or deleted)
-- standards and are flagged, never deleted; the code is kept alongside for display and audits.

-- A section's course settings: grades and subjects (for default frameworks), the frameworks it picked
-- (null: the district's enabled frameworks matching its grades/subjects), and the school or sub-account when the
-- LMS tells (custom parameter), for district roll-ups.
CREATE TABLE al_section_settings (
    section_id     VARCHAR(36)   PRIMARY KEY REFERENCES section (id) ON DELETE CASCADE,
    district_id    VARCHAR(36)   NOT NULL REFERENCES district (id),
    grades         VARCHAR(500),
    subjects       VARCHAR(1000),
    framework_ids  VARCHAR(4000),
    school         VARCHAR(300),
    updated_by     VARCHAR(36),
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    version        BIGINT        NOT NULL
);

CREATE TABLE al_unit (
    id           VARCHAR(36)   PRIMARY KEY,
    section_id   VARCHAR(36)   NOT NULL REFERENCES section (id) ON DELETE CASCADE,
    district_id  VARCHAR(36)   NOT NULL REFERENCES district (id),
    title        VARCHAR(300)  NOT NULL,
    description  VARCHAR(4000),
    position     INT           NOT NULL,
    version      BIGINT        NOT NULL,
    created_by   VARCHAR(36),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_al_unit_section ON al_unit (section_id, position);

-- kind: RESOURCE (title, url, resource_type, description), LTI_LINK (placed through Deep Linking; lti_link holds the
-- content item as JSON), NOTE (teacher-only text). Notes are never shown to students; student_visible hides drafts.
CREATE TABLE al_item (
    id              VARCHAR(36)   PRIMARY KEY,
    unit_id         VARCHAR(36)   NOT NULL REFERENCES al_unit (id) ON DELETE CASCADE,
    section_id      VARCHAR(36)   NOT NULL REFERENCES section (id) ON DELETE CASCADE,
    kind            VARCHAR(20)   NOT NULL,
    title           VARCHAR(500)  NOT NULL,
    url             VARCHAR(2000),
    resource_type   VARCHAR(30),
    description     VARCHAR(8000),
    lti_link        VARCHAR(8000),
    student_visible BOOLEAN       DEFAULT TRUE NOT NULL,
    position        INT           NOT NULL,
    version         BIGINT        NOT NULL,
    created_by      VARCHAR(36),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_al_item_unit ON al_item (unit_id, position);
CREATE INDEX ix_al_item_section ON al_item (section_id);

-- alignment_type: TEACHES, PRACTISES, ASSESSES.
CREATE TABLE al_alignment (
    id              VARCHAR(36)   PRIMARY KEY,
    item_id         VARCHAR(36)   NOT NULL REFERENCES al_item (id) ON DELETE CASCADE,
    section_id      VARCHAR(36)   NOT NULL REFERENCES section (id) ON DELETE CASCADE,
    standard_id     VARCHAR(36)   NOT NULL,
    framework_id    VARCHAR(36)   NOT NULL,
    standard_code   VARCHAR(255),
    alignment_type  VARCHAR(20)   NOT NULL,
    created_by      VARCHAR(36),
    created_by_name VARCHAR(300),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_al_alignment UNIQUE (item_id, standard_id, alignment_type)
);
CREATE INDEX ix_al_alignment_section ON al_alignment (section_id, standard_id);
CREATE INDEX ix_al_alignment_standard ON al_alignment (standard_id);

-- History of alignment changes (ADDED, REMOVED); kept when the item is deleted.
CREATE TABLE al_alignment_event (
    id              VARCHAR(36)   PRIMARY KEY,
    section_id      VARCHAR(36)   NOT NULL REFERENCES section (id) ON DELETE CASCADE,
    item_id         VARCHAR(36)   NOT NULL,
    item_title      VARCHAR(500),
    standard_id     VARCHAR(36)   NOT NULL,
    standard_code   VARCHAR(255),
    alignment_type  VARCHAR(20)   NOT NULL,
    action          VARCHAR(20)   NOT NULL,
    person_id       VARCHAR(36),
    person_name     VARCHAR(300),
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_al_alignment_event_item ON al_alignment_event (item_id, occurred_at);
CREATE INDEX ix_al_alignment_event_section ON al_alignment_event (section_id, occurred_at);

-- Suggestions a teacher dismissed for an item: not offered again for that item.
CREATE TABLE al_suggestion_dismissal (
    item_id       VARCHAR(36)   NOT NULL REFERENCES al_item (id) ON DELETE CASCADE,
    standard_id   VARCHAR(36)   NOT NULL,
    person_id     VARCHAR(36),
    dismissed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (item_id, standard_id)
);

-- Student-friendly "I can…" statements: district-wide (section_id '*', written by coordinators) or for one
-- section (written by its teachers, preferred over the district's).
CREATE TABLE al_student_statement (
    district_id   VARCHAR(36)   NOT NULL REFERENCES district (id),
    scope         VARCHAR(36)   NOT NULL,
    standard_id   VARCHAR(36)   NOT NULL,
    statement     VARCHAR(1000) NOT NULL,
    written_by    VARCHAR(36),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (district_id, scope, standard_id)
);
