-- Tandem schema, part 1: tenants, LTI registrations, the roster learned from launches, launch state and tool keys.
-- Written in the SQL subset shared by H2 (MODE=LEGACY) and PostgreSQL.

CREATE TABLE district (
    id          VARCHAR(36)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE platform_registration (
    id                  VARCHAR(36)   PRIMARY KEY,
    issuer              VARCHAR(1000) NOT NULL,
    client_id           VARCHAR(255)  NOT NULL,
    name                VARCHAR(200)  NOT NULL,
    auth_endpoint       VARCHAR(1000) NOT NULL,
    token_endpoint      VARCHAR(1000),
    jwks_url            VARCHAR(1000) NOT NULL,
    frame_origins       VARCHAR(2000),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    version             BIGINT NOT NULL,
    CONSTRAINT uq_registration_issuer_client UNIQUE (issuer, client_id)
);

CREATE TABLE lti_deployment (
    id               VARCHAR(36)  PRIMARY KEY,
    registration_id  VARCHAR(36)  NOT NULL REFERENCES platform_registration (id) ON DELETE CASCADE,
    deployment_id    VARCHAR(255) NOT NULL,
    district_id      VARCHAR(36)  NOT NULL REFERENCES district (id),
    label            VARCHAR(200),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_deployment UNIQUE (registration_id, deployment_id)
);

CREATE TABLE person (
    id               VARCHAR(36)  PRIMARY KEY,
    registration_id  VARCHAR(36)  NOT NULL REFERENCES platform_registration (id) ON DELETE CASCADE,
    subject          VARCHAR(255) NOT NULL,
    name             VARCHAR(300),
    given_name       VARCHAR(200),
    family_name      VARCHAR(200),
    email            VARCHAR(320),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_person UNIQUE (registration_id, subject)
);

CREATE TABLE section (
    id               VARCHAR(36)  PRIMARY KEY,
    registration_id  VARCHAR(36)  NOT NULL REFERENCES platform_registration (id) ON DELETE CASCADE,
    context_id       VARCHAR(255) NOT NULL,
    deployment_ref   VARCHAR(36)  REFERENCES lti_deployment (id) ON DELETE SET NULL,
    district_id      VARCHAR(36)  NOT NULL REFERENCES district (id),
    title            VARCHAR(500),
    label            VARCHAR(255),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_section UNIQUE (registration_id, context_id)
);

CREATE TABLE membership (
    id              VARCHAR(36)   PRIMARY KEY,
    section_id      VARCHAR(36)   NOT NULL REFERENCES section (id) ON DELETE CASCADE,
    person_id       VARCHAR(36)   NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    lti_roles       VARCHAR(4000) NOT NULL,
    app_roles       VARCHAR(100)  NOT NULL,
    last_launch_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_membership UNIQUE (section_id, person_id)
);
CREATE INDEX ix_membership_person ON membership (person_id);

-- Nonces of accepted launches; the primary key makes a second use of a nonce fail in the database itself.
CREATE TABLE lti_nonce (
    nonce       VARCHAR(128) PRIMARY KEY,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_nonce_expiry ON lti_nonce (expires_at);

-- Launch sessions: only the SHA-256 of the bearer token is stored.
CREATE TABLE launch_session (
    token_hash       VARCHAR(64)   PRIMARY KEY,
    person_id        VARCHAR(36)   NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    section_id       VARCHAR(36)   REFERENCES section (id) ON DELETE CASCADE,
    district_id      VARCHAR(36)   NOT NULL,
    registration_id  VARCHAR(36)   NOT NULL,
    deployment_id    VARCHAR(255)  NOT NULL,
    primary_role     VARCHAR(20)   NOT NULL,
    app_roles        VARCHAR(100)  NOT NULL,
    lti_roles        VARCHAR(4000) NOT NULL,
    message_type     VARCHAR(64)   NOT NULL,
    person_name      VARCHAR(300),
    section_title    VARCHAR(500),
    target_link_uri  VARCHAR(2000),
    frame_origins    VARCHAR(2000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_launch_session_expiry ON launch_session (expires_at);

-- The tool's own keys: RSA signing keys (published in the JWKS) and the HMAC key of OIDC state tokens.
-- Private parts are stored only as JWE (dir, A256GCM) under the server's master key.
CREATE TABLE tool_key (
    id            VARCHAR(36)   PRIMARY KEY,
    kid           VARCHAR(64)   NOT NULL,
    purpose       VARCHAR(20)   NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    public_jwk    VARCHAR(4000),
    private_jwe   VARCHAR(12000) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_tool_key_kid UNIQUE (kid)
);
