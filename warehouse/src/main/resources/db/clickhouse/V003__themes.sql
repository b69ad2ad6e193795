-- Verbatim themes: the ingestion path analyses survey comments and feedback text (dev.pulse.warehouse.themes)
-- and stores the themes found; rows stored before this migration have none.

ALTER TABLE survey_responses_raw ADD COLUMN IF NOT EXISTS themes Array(String) AFTER answers;

ALTER TABLE feedback_raw ADD COLUMN IF NOT EXISTS themes Array(String) AFTER text;

CREATE OR REPLACE VIEW survey_responses AS
SELECT event_id, survey_id, customer_id, transaction_id, ts, region, channel, language,
       nps_score, csat_score, ces_score, comment, answers, themes
FROM survey_responses_raw FINAL;

CREATE OR REPLACE VIEW feedback AS
SELECT event_id, feedback_id, customer_id, ts, region, channel, category, severity,
       first_response_at, resolved_at, text, themes
FROM feedback_raw FINAL;
