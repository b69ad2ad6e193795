-- Invitation events from the surveys module: sent, skipped (with a reason) and answered. Every event
-- of one invitation carries the invitation's time in ts, so a period's response rate is the share of
-- that period's invitations that were answered. The view shows each event_id once.

CREATE TABLE IF NOT EXISTS survey_invitations_raw (
    event_id       String,
    invitation_id  String,
    survey_id      String,
    customer_id    String,
    ts             DateTime64(3, 'UTC'),
    region         LowCardinality(String),
    channel        LowCardinality(String),
    status         LowCardinality(String),
    reason         String,
    _ingested_at   DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY event_id;

CREATE VIEW IF NOT EXISTS survey_invitations AS
SELECT event_id, invitation_id, survey_id, customer_id, ts, region, channel, status, reason
FROM survey_invitations_raw FINAL;
