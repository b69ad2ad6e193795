-- Report schedules, one delivery row per (schedule, region, period), and db-scheduler's table.
-- A delivery is recorded (SENDING) before its mail is handed to SMTP, so a retry after a crash
-- between "sent" and "recorded" finds it and does not send it again (it becomes UNCONFIRMED).

CREATE TABLE report_schedules (
    id            VARCHAR(36)   PRIMARY KEY,
    name          VARCHAR(200)  NOT NULL,
    report        VARCHAR(40)   NOT NULL,
    cron          VARCHAR(100)  NOT NULL,
    zone          VARCHAR(60)   NOT NULL,
    period_rule   VARCHAR(30)   NOT NULL,
    regions       VARCHAR(400)  NOT NULL,
    recipients    VARCHAR(4000) NOT NULL,
    language      VARCHAR(5)    NOT NULL,
    created_by    VARCHAR(200)  NOT NULL,
    creator_role  VARCHAR(40)   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE report_deliveries (
    id            VARCHAR(36)   PRIMARY KEY,
    schedule_id   VARCHAR(36)   NOT NULL REFERENCES report_schedules (id),
    region        VARCHAR(40)   NOT NULL,
    period_from   DATE          NOT NULL,
    period_to     DATE          NOT NULL,
    recipients    VARCHAR(4000) NOT NULL,
    run_id        VARCHAR(36)   REFERENCES report_runs (id),
    status        VARCHAR(20)   NOT NULL,
    attempts      INTEGER       NOT NULL DEFAULT 0,
    last_error    VARCHAR(2000),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT report_deliveries_once UNIQUE (schedule_id, region, period_from)
);

-- db-scheduler 16 (column types chosen to work on H2 in PostgreSQL mode and on PostgreSQL)
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(250) NOT NULL,
    task_instance        VARCHAR(250) NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN      NOT NULL,
    picked_by            VARCHAR(250),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INTEGER,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT       NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);
