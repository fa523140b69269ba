-- eLearning coordinators granted in Tandem (DESIGN.md: a coordinator is an LTI institution/system Administrator,
-- "or granted in Tandem"). A district's coordinators grant the role to a person who teaches in the district (a
-- curriculum specialist who is no LMS administrator); from their next launch in that district the person is a
-- coordinator too. Revoking ends their launch sessions in the district. (V16 is left to the district data export.)
CREATE TABLE coordinator_grant (
    district_id      VARCHAR(36)  NOT NULL REFERENCES district (id) ON DELETE CASCADE,
    person_id        VARCHAR(36)  NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    granted_by       VARCHAR(36),
    granted_by_name  VARCHAR(300),
    granted_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (district_id, person_id)
);
CREATE INDEX ix_coordinator_grant_person ON coordinator_grant (person_id);
