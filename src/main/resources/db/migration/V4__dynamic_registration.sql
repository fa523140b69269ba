-- LTI Dynamic Registration 1.0: registration links that coordinators paste into an LMS, and a record of each
-- registration made through one. Only the SHA-256 of a link's token is stored (plus a short prefix to recognise it).

CREATE TABLE lti_registration_link (
    id            VARCHAR(36)  PRIMARY KEY,
    token_hash    VARCHAR(64)  NOT NULL,
    token_prefix  VARCHAR(16)  NOT NULL,
    district_id   VARCHAR(36)  NOT NULL REFERENCES district (id),
    label         VARCHAR(200),
    max_uses      INTEGER      NOT NULL,
    uses          INTEGER      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    used_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_registration_link_token UNIQUE (token_hash)
);

-- One row per registration completed through a link. When the platform named no deployment (Canvas names it only
-- at the first launch), adopt_deployments is true: launches through this registration with a new deployment_id
-- map that deployment to the link's district.
CREATE TABLE lti_dynamic_registration (
    id                   VARCHAR(36)   PRIMARY KEY,
    link_id              VARCHAR(36)   REFERENCES lti_registration_link (id) ON DELETE SET NULL,
    registration_id      VARCHAR(36)   NOT NULL REFERENCES platform_registration (id) ON DELETE CASCADE,
    district_id          VARCHAR(36)   NOT NULL REFERENCES district (id),
    product_family_code  VARCHAR(100),
    deployment_id        VARCHAR(255),
    adopt_deployments    BOOLEAN       NOT NULL,
    messages             VARCHAR(2000),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_dynamic_registration_reg ON lti_dynamic_registration (registration_id);
