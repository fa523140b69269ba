-- Standards library (issue 4): saved CASE providers and where each framework was fetched from (docs/standards.md,
-- "Saved CASE providers"). A district saves a provider once (address, optional OAuth 2 client credentials); the
-- client secret is stored only encrypted under the master key (JWE dir + A256GCM, common.SecretBox), never in clear.
-- Written in the SQL subset shared by H2 (MODE=LEGACY) and PostgreSQL. Ids are UUID strings.

CREATE TABLE std_case_provider (
    id                VARCHAR(36)    PRIMARY KEY,
    district_id       VARCHAR(36)    NOT NULL REFERENCES district (id),
    name              VARCHAR(200)   NOT NULL,
    base_url          VARCHAR(2000)  NOT NULL,
    token_url         VARCHAR(2000),
    client_id         VARCHAR(500),
    client_secret_jwe VARCHAR(4000),
    scope             VARCHAR(2000),
    created_by        VARCHAR(36),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by        VARCHAR(36),
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    version           BIGINT         NOT NULL
);
CREATE INDEX ix_std_case_provider_district ON std_case_provider (district_id, name);

-- The source of a framework fetched from a CASE provider: the package URL, the saved provider (null when it was
-- fetched with a typed-in URL, or when its provider was deleted: the framework stays, only the one-click re-import
-- goes), when it was last fetched and the CFDocument's lastChangeDateTime then (for "Check for update").
CREATE TABLE std_framework_source (
    framework_id      VARCHAR(36)    PRIMARY KEY REFERENCES std_framework (id) ON DELETE CASCADE,
    provider_id       VARCHAR(36)    REFERENCES std_case_provider (id) ON DELETE SET NULL,
    package_url       VARCHAR(2000)  NOT NULL,
    fetched_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_change       VARCHAR(40)
);
CREATE INDEX ix_std_framework_source_provider ON std_framework_source (provider_id);
