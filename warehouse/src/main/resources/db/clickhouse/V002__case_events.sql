-- Follow-up case events (stream case-events): one row per step of a case (opened, contacted,
-- resolved, escalated), each carrying the case's region, customer, scores and opening time, so any
-- one row is enough to place the case. follow_up_cases folds them into one row per case, with
-- recovered = 1 when the same (known) customer later answered a survey with a higher NPS or CSAT.

CREATE TABLE IF NOT EXISTS case_events_raw (
    event_id      String,
    case_id       String,
    event         LowCardinality(String),
    ts            DateTime64(3, 'UTC'),
    opened_at     DateTime64(3, 'UTC'),
    region        LowCardinality(String),
    customer_id   String,
    survey_id     String,
    nps_score     Nullable(UInt8),
    csat_score    Nullable(UInt8),
    sla_minutes   Nullable(UInt32),
    _ingested_at  DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY event_id;

CREATE VIEW IF NOT EXISTS case_events AS
SELECT event_id, case_id, event, ts, opened_at, region, customer_id, survey_id, nps_score, csat_score, sla_minutes
FROM case_events_raw FINAL;

CREATE VIEW IF NOT EXISTS follow_up_cases AS
SELECT c.k_case AS case_id, c.k_opened AS ts, c.k_region AS region, c.k_customer AS customer_id, c.k_survey AS survey_id,
       c.k_nps AS nps_score, c.k_csat AS csat_score, c.k_due AS due_at, c.k_contacted AS contacted_at,
       c.k_resolved AS resolved_at, c.k_escalated AS escalated_at,
       toUInt8(countIf(r.ts > c.k_opened AND ((c.k_nps IS NOT NULL AND r.nps_score > c.k_nps)
                                            OR (c.k_csat IS NOT NULL AND r.csat_score > c.k_csat))) > 0) AS recovered
FROM (
    SELECT e.case_id AS k_case,
           min(e.opened_at) AS k_opened,
           any(e.region) AS k_region,
           any(e.customer_id) AS k_customer,
           any(e.survey_id) AS k_survey,
           any(e.nps_score) AS k_nps,
           any(e.csat_score) AS k_csat,
           if(max(e.sla_minutes) IS NULL, NULL, addMinutes(min(e.opened_at), assumeNotNull(max(e.sla_minutes)))) AS k_due,
           minIfOrNull(e.ts, e.event = 'contacted') AS k_contacted,
           minIfOrNull(e.ts, e.event = 'resolved') AS k_resolved,
           minIfOrNull(e.ts, e.event = 'escalated') AS k_escalated
    FROM case_events AS e
    GROUP BY e.case_id
) AS c
LEFT JOIN survey_responses AS r ON r.customer_id = c.k_customer AND c.k_customer != ''
GROUP BY c.k_case, c.k_opened, c.k_region, c.k_customer, c.k_survey, c.k_nps, c.k_csat, c.k_due,
         c.k_contacted, c.k_resolved, c.k_escalated;
