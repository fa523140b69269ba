-- Calendar feeds and cancelled lessons (issue 6, helper H). Package app.tandem.coteaching.
-- Written in the SQL subset shared by H2 (MODE=LEGACY) and PostgreSQL. Ids are UUID strings.

-- A teacher's iCalendar subscription: the URL carries a 256-bit secret; only its SHA-256 (hex) is stored, so a
-- copy of the database does not let anyone read calendars. At most one live (not revoked) feed per person and
-- district: regenerating revokes the old one. last_used_at is refreshed at most hourly by feed reads.
CREATE TABLE ct_calendar_feed (
    id            VARCHAR(36)   PRIMARY KEY,
    person_id     VARCHAR(36)   NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    district_id   VARCHAR(36)   NOT NULL REFERENCES district (id),
    token_hash    VARCHAR(64)   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_ct_calendar_feed_hash UNIQUE (token_hash)
);
CREATE INDEX ix_ct_calendar_feed_person ON ct_calendar_feed (person_id, district_id);

-- A cancelled lesson: the plan row is deleted (with its revisions and comments), and this tombstone keeps what
-- calendar feeds need to tell subscribed calendars to remove the event (STATUS:CANCELLED with a higher SEQUENCE).
-- sequence: the iCalendar SEQUENCE of the cancellation (the plan's last version; live plans use version - 1).
CREATE TABLE ct_plan_cancelled (
    plan_id        VARCHAR(36)   PRIMARY KEY,
    group_id       VARCHAR(36)   NOT NULL REFERENCES ct_link_group (id) ON DELETE CASCADE,
    district_id    VARCHAR(36)   NOT NULL REFERENCES district (id),
    title          VARCHAR(200)  NOT NULL,
    model          VARCHAR(30)   NOT NULL,
    starts_on      DATE          NOT NULL,
    ends_on        DATE,
    start_time     VARCHAR(5),
    end_time       VARCHAR(5),
    sequence       BIGINT        NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    cancelled_by   VARCHAR(36),
    cancelled_by_name VARCHAR(300),
    cancelled_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_ct_plan_cancelled_group ON ct_plan_cancelled (group_id, starts_on);
