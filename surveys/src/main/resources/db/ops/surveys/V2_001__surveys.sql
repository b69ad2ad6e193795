-- Surveys, their versions, invitations, contact log and responses. Portable SQL: the same file runs
-- on H2 (PostgreSQL mode) and on PostgreSQL. Times are UTC instants. Definitions are JSON text.

CREATE TABLE survey (
    id               VARCHAR(40)  NOT NULL PRIMARY KEY,
    status           VARCHAR(10)  NOT NULL,
    current_version  INTEGER      NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by       VARCHAR(200) NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by       VARCHAR(200) NOT NULL
);

CREATE TABLE survey_version (
    survey_id   VARCHAR(40)  NOT NULL REFERENCES survey (id),
    version     INTEGER      NOT NULL,
    definition  VARCHAR(1000000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(200) NOT NULL,
    PRIMARY KEY (survey_id, version)
);

-- Only the SHA-256 of a token is kept: a copy of this table does not let anyone answer.
CREATE TABLE survey_invitation (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    token_hash      VARCHAR(64)  NOT NULL UNIQUE,
    survey_id       VARCHAR(40)  NOT NULL REFERENCES survey (id),
    customer_id     VARCHAR(200) NOT NULL,
    region          VARCHAR(20)  NOT NULL,
    email           VARCHAR(254) NOT NULL,
    language        VARCHAR(2)   NOT NULL,
    channel         VARCHAR(50),
    transaction_id  VARCHAR(200),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by      VARCHAR(200) NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    responded_at    TIMESTAMP WITH TIME ZONE
);

CREATE INDEX survey_invitation_survey ON survey_invitation (survey_id, created_at);

-- One row per customer ever invited, across all surveys: the contact-fatigue rule reads and
-- moves last_invited_at with one conditional update, so concurrent batches cannot both invite.
CREATE TABLE customer_contact (
    customer_id      VARCHAR(200) NOT NULL PRIMARY KEY,
    last_invited_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE survey_response (
    event_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    survey_id      VARCHAR(40)  NOT NULL REFERENCES survey (id),
    version        INTEGER      NOT NULL,
    invitation_id  VARCHAR(36)  REFERENCES survey_invitation (id),
    language       VARCHAR(2)   NOT NULL,
    submitted_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX survey_response_survey ON survey_response (survey_id, version);
