-- Coverage roll-up (issue 5, item 4). Package app.tandem.alignment. Written in the SQL subset shared by H2
-- (MODE=LEGACY) and PostgreSQL.
--
-- The district roll-up (sections × standards domains) reads one row per section from here instead of the
-- section's hundreds of alignments. It is derived data, rebuilt per section from al_alignment (and the standards
-- catalog's domain of each standard) whenever that section's alignments changed (its al_alignment_event count
-- changed), its coverage page was computed, a framework was re-imported (the version in the summary), or a
-- coordinator asked for a full recompute. Deleting these rows loses nothing: the next roll-up rebuilds them.
--
-- summary: per framework and domain, how many of the domain's coverage targets (standards; components count with
-- their standard) the section's items align to, in total and by alignment type, split by the targets' grade list
-- (a domain can span grades: CCSS "Expressions and Equations" covers grades 6 to 8, and a grade-7 section counts
-- only its grade-7 targets). Format (CoverageStore): framework '|' framework …, where framework is
-- "frameworkId@version:" followed by entries "domainId grades covered taught practised assessed" joined by ';'
-- and grades is "07", "09+10+11+12" or "*". A few hundred characters for a typical course.
-- refreshed_at: when the computation started; alignments: how many it read; events: the section's history event
-- count just before (a later count that differs means a change since).
CREATE TABLE al_coverage_section (
    section_id    VARCHAR(36)      PRIMARY KEY REFERENCES section (id) ON DELETE CASCADE,
    district_id   VARCHAR(36)      NOT NULL REFERENCES district (id),
    refreshed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    alignments    INT              NOT NULL,
    events        INT              NOT NULL,
    summary       VARCHAR(1000000)
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
