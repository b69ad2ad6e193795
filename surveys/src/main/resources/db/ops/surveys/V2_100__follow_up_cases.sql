-- Follow-up cases of unhappy respondents, every change to them, and the owners of each region.
-- Portable SQL (H2 in PostgreSQL mode and PostgreSQL). Times are UTC instants.

CREATE TABLE follow_up_case (
    id                 VARCHAR(36)  NOT NULL PRIMARY KEY,
    response_event_id  VARCHAR(200) NOT NULL UNIQUE,
    survey_id          VARCHAR(40)  NOT NULL,
    customer_id        VARCHAR(200),
    region             VARCHAR(20)  NOT NULL,
    nps_score          INTEGER,
    csat_score         INTEGER,
    comment            VARCHAR(20000),
    status             VARCHAR(10)  NOT NULL,
    owner              VARCHAR(254),
    opened_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    contacted_at       TIMESTAMP WITH TIME ZONE,
    resolved_at        TIMESTAMP WITH TIME ZONE,
    outcome            VARCHAR(2000),
    escalated_at       TIMESTAMP WITH TIME ZONE,
    version            INTEGER      NOT NULL
);

CREATE INDEX follow_up_case_due ON follow_up_case (status, due_at);
CREATE INDEX follow_up_case_region ON follow_up_case (region, status);

CREATE TABLE follow_up_case_history (
    case_id   VARCHAR(36)  NOT NULL REFERENCES follow_up_case (id),
    seq       INTEGER      NOT NULL,
    at        TIMESTAMP WITH TIME ZONE NOT NULL,
    actor     VARCHAR(200) NOT NULL,
    action    VARCHAR(20)  NOT NULL,
    detail    VARCHAR(20000),
    PRIMARY KEY (case_id, seq)
);

-- A region with rows here uses them; a region without falls back to pulse.surveys.region-owners.
CREATE TABLE region_owner (
    region    VARCHAR(20)  NOT NULL,
    position  INTEGER      NOT NULL,
    email     VARCHAR(254) NOT NULL,
    PRIMARY KEY (region, position)
);
