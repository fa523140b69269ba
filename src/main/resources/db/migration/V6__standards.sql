-- Standards library (issue 4): frameworks (CASE CFDocument), their versions, standards (CFItem), associations
-- (CFAssociation), item history, district enablement and import jobs.
-- Frameworks belong to the district that imported them (tenant isolation); see docs/standards.md.
-- Written in the SQL subset shared by H2 (MODE=LEGACY) and PostgreSQL. Ids are UUID strings.

CREATE TABLE std_framework (
    id                VARCHAR(36)    PRIMARY KEY,
    district_id       VARCHAR(36)    NOT NULL REFERENCES district (id),
    identifier        VARCHAR(255)   NOT NULL,
    uri               VARCHAR(2000),
    title             VARCHAR(1000)  NOT NULL,
    creator           VARCHAR(1000),
    publisher         VARCHAR(1000),
    description       VARCHAR(20000),
    subjects          VARCHAR(1000),
    language          VARCHAR(20),
    version_label     VARCHAR(255),
    adoption_status   VARCHAR(100),
    official_source_url VARCHAR(2000),
    notes             VARCHAR(20000),
    last_change       VARCHAR(40),
    licence_title     VARCHAR(1000),
    licence_uri       VARCHAR(2000),
    licence_text      VARCHAR(100000),
    source_format     VARCHAR(30)    NOT NULL,
    current_version   INT            NOT NULL,
    item_count        INT            NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_std_framework UNIQUE (district_id, identifier)
);

-- One row per import of a framework: imports never destroy history.
CREATE TABLE std_framework_version (
    id                VARCHAR(36)    PRIMARY KEY,
    framework_id      VARCHAR(36)    NOT NULL REFERENCES std_framework (id) ON DELETE CASCADE,
    version_no        INT            NOT NULL,
    job_id            VARCHAR(36),
    source_name       VARCHAR(500),
    source_format     VARCHAR(30)    NOT NULL,
    case_version      VARCHAR(10),
    version_label     VARCHAR(255),
    last_change       VARCHAR(40),
    item_count        INT            NOT NULL,
    association_count INT            NOT NULL,
    added_count       INT            NOT NULL,
    updated_count     INT            NOT NULL,
    retired_count     INT            NOT NULL,
    imported_by       VARCHAR(36),
    imported_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_std_framework_version UNIQUE (framework_id, version_no)
);

-- Standards (CASE CFItems). The id is a name-based UUID of (framework id, identifier): stable across re-imports.
CREATE TABLE std_item (
    id                    VARCHAR(36)    PRIMARY KEY,
    framework_id          VARCHAR(36)    NOT NULL REFERENCES std_framework (id) ON DELETE CASCADE,
    identifier            VARCHAR(255)   NOT NULL,
    uri                   VARCHAR(2000),
    full_statement        VARCHAR(20000) NOT NULL,
    abbreviated_statement VARCHAR(2000),
    alternative_label     VARCHAR(2000),
    human_coding_scheme   VARCHAR(255),
    list_enumeration      VARCHAR(100),
    item_type             VARCHAR(255),
    education_levels      VARCHAR(500),
    concept_keywords      VARCHAR(2000),
    notes                 VARCHAR(20000),
    language              VARCHAR(20),
    license_uri           VARCHAR(2000),
    last_change           VARCHAR(40),
    file_order            INT            NOT NULL,
    content_hash          BIGINT         NOT NULL,
    retired               BOOLEAN        DEFAULT FALSE NOT NULL,
    retired_in_version    INT,
    first_version         INT            NOT NULL,
    changed_in_version    INT            NOT NULL
);
-- (framework_id, identifier) is unique through the primary key (a name-based UUID of both); few indexes keep bulk
-- imports fast: by framework in file order (tree, index rebuild, export), and by identifier (crosswalk ends).
CREATE INDEX ix_std_item_framework ON std_item (framework_id, file_order);
CREATE INDEX ix_std_item_identifier ON std_item (identifier);

-- The state an item had before an import changed or retired it.
CREATE TABLE std_item_history (
    id                    VARCHAR(36)    PRIMARY KEY,
    item_id               VARCHAR(36)    NOT NULL REFERENCES std_item (id) ON DELETE CASCADE,
    version_no            INT            NOT NULL,
    full_statement        VARCHAR(20000) NOT NULL,
    abbreviated_statement VARCHAR(2000),
    human_coding_scheme   VARCHAR(255),
    list_enumeration      VARCHAR(100),
    item_type             VARCHAR(255),
    education_levels      VARCHAR(500),
    concept_keywords      VARCHAR(2000),
    notes                 VARCHAR(20000),
    retired               BOOLEAN        NOT NULL,
    recorded_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_std_item_history_item ON std_item_history (item_id, version_no);

-- CASE CFAssociations: isChildOf, isPeerOf, isPartOf, exactMatchOf, precedes, isRelatedTo, replacedBy, exemplar,
-- hasSkillLevel, isTranslationOf and ext: types. Ends are kept as identifiers (and URIs), so an end may be an item
-- of another framework (crosswalk) or not imported at all.
CREATE TABLE std_association (
    id                    VARCHAR(36)    PRIMARY KEY,
    framework_id          VARCHAR(36)    NOT NULL REFERENCES std_framework (id) ON DELETE CASCADE,
    identifier            VARCHAR(255)   NOT NULL,
    uri                   VARCHAR(2000),
    association_type      VARCHAR(255)   NOT NULL,
    origin_identifier     VARCHAR(255)   NOT NULL,
    origin_uri            VARCHAR(2000),
    origin_title          VARCHAR(1000),
    dest_identifier       VARCHAR(255)   NOT NULL,
    dest_uri              VARCHAR(2000),
    dest_title            VARCHAR(1000),
    sequence_number       INT,
    grouping_identifier   VARCHAR(255),
    last_change           VARCHAR(40),
    file_order            INT            NOT NULL,
    content_hash          BIGINT         NOT NULL,
    retired               BOOLEAN        DEFAULT FALSE NOT NULL
);
-- (framework_id, identifier) is unique through the primary key, as for items.
CREATE INDEX ix_std_assoc_dest ON std_association (framework_id, association_type, dest_identifier);
CREATE INDEX ix_std_assoc_origin ON std_association (framework_id, origin_identifier);
CREATE INDEX ix_std_assoc_dest_any ON std_association (dest_identifier);

-- Which frameworks a district has switched on, optionally only for some grades and subjects (null: all).
CREATE TABLE std_enablement (
    district_id   VARCHAR(36)   NOT NULL REFERENCES district (id),
    framework_id  VARCHAR(36)   NOT NULL REFERENCES std_framework (id) ON DELETE CASCADE,
    grades        VARCHAR(500),
    subjects      VARCHAR(1000),
    updated_by    VARCHAR(36),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (district_id, framework_id)
);

-- Background import jobs: polled by the progress bar; the final report is JSON.
CREATE TABLE std_import_job (
    id              VARCHAR(36)    PRIMARY KEY,
    district_id     VARCHAR(36)    NOT NULL REFERENCES district (id),
    requested_by    VARCHAR(36),
    source_name     VARCHAR(500),
    source_format   VARCHAR(30),
    size_bytes      BIGINT         NOT NULL,
    status          VARCHAR(20)    NOT NULL,
    phase           VARCHAR(100),
    percent         INT            NOT NULL,
    items_done      INT            NOT NULL,
    items_per_second INT           NOT NULL,
    error_count     INT            NOT NULL,
    warning_count   INT            NOT NULL,
    framework_id    VARCHAR(36),
    version_no      INT,
    report          VARCHAR(1000000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE,
    heartbeat_at    TIMESTAMP WITH TIME ZONE,
    finished_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_std_import_job_district ON std_import_job (district_id, created_at);
