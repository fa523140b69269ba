-- Co-teaching plans (issue 6). Package app.tandem.coteaching. A plan belongs to a link group (V8); its content is
-- one JSON document (body) in a canonical form (docs/coteaching.md, "Plans, revisions and merge"); the columns
-- beside it are copies of the fields lists and agendas sort and filter by. Every save is a revision holding the
-- whole document, so that a stale save can be merged with the revision it started from.
-- Written in the SQL subset shared by H2 (MODE=LEGACY) and PostgreSQL. Ids are UUID strings.

-- model: ONE_TEACH_ONE_OBSERVE, ONE_TEACH_ONE_ASSIST, STATION, PARALLEL, ALTERNATIVE, TEAM; status: DRAFT, PUBLISHED.
-- starts_on/ends_on: the day or the range of days; start_time/end_time: 'HH:MM' (local school time), optional.
CREATE TABLE ct_plan (
    id              VARCHAR(36)     PRIMARY KEY,
    group_id        VARCHAR(36)     NOT NULL REFERENCES ct_link_group (id) ON DELETE CASCADE,
    district_id     VARCHAR(36)     NOT NULL REFERENCES district (id),
    title           VARCHAR(200)    NOT NULL,
    model           VARCHAR(30)     NOT NULL,
    status          VARCHAR(12)     NOT NULL,
    starts_on       DATE            NOT NULL,
    ends_on         DATE,
    start_time      VARCHAR(5),
    end_time        VARCHAR(5),
    unit_title      VARCHAR(200),
    unit_id         VARCHAR(36),
    period_minutes  INT             NOT NULL,
    body            VARCHAR(1000000) NOT NULL,
    published_at    TIMESTAMP WITH TIME ZONE,
    created_by      VARCHAR(36),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by      VARCHAR(36),
    updated_by_name VARCHAR(300),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT          NOT NULL
);
CREATE INDEX ix_ct_plan_group ON ct_plan (group_id, starts_on);
CREATE INDEX ix_ct_plan_district ON ct_plan (district_id, starts_on);

-- One row per plan version: kind CREATE, SAVE, MERGE, RESOLVE, RESTORE, PUBLISH, UNPUBLISH, COPY; the whole
-- document after the change (snapshot) and a one-line summary of the fields it changed.
CREATE TABLE ct_plan_revision (
    id           VARCHAR(36)     PRIMARY KEY,
    plan_id      VARCHAR(36)     NOT NULL REFERENCES ct_plan (id) ON DELETE CASCADE,
    version      BIGINT          NOT NULL,
    kind         VARCHAR(20)     NOT NULL,
    author_id    VARCHAR(36),
    author_name  VARCHAR(300),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    summary      VARCHAR(2000)   NOT NULL,
    snapshot     VARCHAR(1000000) NOT NULL,
    CONSTRAINT uq_ct_plan_revision UNIQUE (plan_id, version)
);

CREATE TABLE ct_plan_comment (
    id           VARCHAR(36)     PRIMARY KEY,
    plan_id      VARCHAR(36)     NOT NULL REFERENCES ct_plan (id) ON DELETE CASCADE,
    author_id    VARCHAR(36),
    author_name  VARCHAR(300),
    body         VARCHAR(4000)   NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_ct_plan_comment_plan ON ct_plan_comment (plan_id, created_at);

-- Who has a plan open: refreshed by the page's poll every few seconds; rows older than a minute are ignored and
-- purged. In the database so that every server of a cluster sees every viewer.
CREATE TABLE ct_plan_presence (
    plan_id      VARCHAR(36)     NOT NULL REFERENCES ct_plan (id) ON DELETE CASCADE,
    person_id    VARCHAR(36)     NOT NULL,
    person_name  VARCHAR(300),
    last_seen    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (plan_id, person_id)
);
