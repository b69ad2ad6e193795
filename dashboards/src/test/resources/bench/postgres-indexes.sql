CREATE INDEX ON transactions (ts);
CREATE INDEX ON transactions (campaign_id);
CREATE INDEX ON survey_responses (ts);
CREATE INDEX ON feedback (ts);
