-- Coverage roll-up (issue 5, item 4). Package app.tandem.alignment. Written in the SQL subset shared by H2
-- (MODE=LEGACY) and PostgreSQL.
--
-- The district roll-up (sections × standards domains) reads this aggregate of al_alignment instead of the
-- alignments themselves: one row per section and domain, a few rows per section instead of hundreds of alignments.
-- It is derived data: rebuilt per section from al_alignment (and the standards catalog's domain of each standard)
-- whenever that section's alignments changed (its al_alignment_event count changed), its coverage page was
-- computed, a framework was re-imported (framework_version), or a coordinator asked for a full recompute.
-- Deleting every row of these tables loses nothing: the next roll-up rebuilds them.

-- Per section, domain and grade list: how many of the domain's coverage targets with exactly these grades
-- (standards, components counted with their standard) the section's items align to, in total and by alignment type.
-- The grade list (the targets' grades, comma-separated, '*' for none) keeps the roll-up exact where a domain spans
-- grades (CCSS "Expressions and Equations": grades 6 to 8): a grade-7 section counts only targets of grade 7.
CREATE TABLE al_coverage_domain (
    section_id         VARCHAR(36)  NOT NULL REFERENCES section (id) ON DELETE CASCADE,
    domain_id          VARCHAR(36)  NOT NULL,
    grades             VARCHAR(200) NOT NULL,
    district_id        VARCHAR(36)  NOT NULL REFERENCES district (id),
    framework_id       VARCHAR(36)  NOT NULL,
    framework_version  INT          NOT NULL,
    covered            INT          NOT NULL,
    taught             INT          NOT NULL,
    practised          INT          NOT NULL,
    assessed           INT          NOT NULL,
    PRIMARY KEY (section_id, domain_id, grades)
);
CREATE INDEX ix_al_coverage_domain_district ON al_coverage_domain (district_id);

-- Sections whose al_coverage_domain rows were computed: when, from how many alignments, and how many history
-- events (al_alignment_event) the section had just before (a later count that differs means a change since).
CREATE TABLE al_coverage_section (
    section_id    VARCHAR(36)  PRIMARY KEY REFERENCES section (id) ON DELETE CASCADE,
    district_id   VARCHAR(36)  NOT NULL REFERENCES district (id),
    refreshed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    alignments    INT          NOT NULL,
    events        INT          NOT NULL
);
CREATE INDEX ix_al_coverage_section_district ON al_coverage_section (district_id);

-- Per district: up to when al_alignment_event was checked for changed sections. No row: never computed (the first
-- roll-up computes every section of the district).
CREATE TABLE al_coverage_district (
    district_id        VARCHAR(36)  PRIMARY KEY REFERENCES district (id),
    events_checked_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Recent alignment changes across the server farm, found without scanning the history.
CREATE INDEX ix_al_alignment_event_time ON al_alignment_event (occurred_at);
