-- Report runs and the archive of every file they produced. Portable between H2 (PostgreSQL mode)
-- and PostgreSQL. A run remembers who asked and under which scope, so it can be re-run after a
-- restart and shown only to callers whose scope covers it.

CREATE TABLE report_runs (
    id            VARCHAR(36)  PRIMARY KEY,
    report        VARCHAR(40)  NOT NULL,
    region        VARCHAR(40),
    period_from   DATE         NOT NULL,
    period_to     DATE         NOT NULL,
    format        VARCHAR(10)  NOT NULL,
    requested_by  VARCHAR(200) NOT NULL,
    caller_role   VARCHAR(40)  NOT NULL,
    scope         VARCHAR(400) NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    error         VARCHAR(2000),
    attempts      INTEGER      NOT NULL DEFAULT 0,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE,
    finished_at   TIMESTAMP WITH TIME ZONE
);

CREATE INDEX report_runs_status ON report_runs (status);

CREATE TABLE report_archive (
    run_id        VARCHAR(36)   PRIMARY KEY REFERENCES report_runs (id),
    report        VARCHAR(40)   NOT NULL,
    region        VARCHAR(40),
    period_from   DATE          NOT NULL,
    period_to     DATE          NOT NULL,
    parameters    VARCHAR(4000) NOT NULL,
    sql_text      TEXT          NOT NULL,
    watermark     VARCHAR(100)  NOT NULL,
    sha256        CHAR(64)      NOT NULL,
    file_path     VARCHAR(1000) NOT NULL,
    size_bytes    BIGINT        NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX report_archive_region_period ON report_archive (report, region, period_from);
