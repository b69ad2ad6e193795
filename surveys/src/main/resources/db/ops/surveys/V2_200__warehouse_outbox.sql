-- Warehouse events the operational database has promised (survey-invitations, case-events): written in the
-- transaction of the change they describe, delivered after it commits and retried until the warehouse takes
-- them. The warehouse stores each event id once, so a repeated delivery is harmless.

CREATE TABLE warehouse_outbox (
    stream           VARCHAR(40)    NOT NULL,
    event_id         VARCHAR(200)   NOT NULL,
    payload          VARCHAR(20000) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts         INTEGER        NOT NULL,
    last_error       VARCHAR(1000),
    delivered_at     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (stream, event_id)
);

CREATE INDEX warehouse_outbox_due ON warehouse_outbox (delivered_at, next_attempt_at);
