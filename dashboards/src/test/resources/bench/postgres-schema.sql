-- The rows the bench queries, as a PostgreSQL user would hold them: plain tables, an index on
-- each fact table's timestamp, ANALYZE after loading (run by PostgresPeer).
CREATE TABLE transactions (customer_id text, ts timestamptz, amount numeric(18, 2), channel text,
                           campaign_id text, region text);
CREATE TABLE survey_responses (ts timestamptz, region text, channel text, nps_score smallint,
                               csat_score smallint);
CREATE TABLE feedback (ts timestamptz, region text, category text);
CREATE TABLE campaigns (campaign_id text, channel text, start_date date, end_date date,
                        cost numeric(18, 2), region text);
