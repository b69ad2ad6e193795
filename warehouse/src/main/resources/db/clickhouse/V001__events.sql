-- The five ingestion streams. Raw tables keep every write; the views of the same name without
-- the _raw suffix show each key once (ReplacingMergeTree read with FINAL), which is what every
-- query reads. Times are UTC; days and months are counted in pulse.timezone at query time.

CREATE TABLE IF NOT EXISTS customers_raw (
    customer_id   String,
    updated_at    DateTime64(3, 'UTC'),
    name          String,
    region        LowCardinality(String),
    province      LowCardinality(String),
    city          LowCardinality(String),
    segment       LowCardinality(String),
    email         String,
    phone         String,
    signup_date   Nullable(Date),
    _ingested_at  DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY customer_id;

CREATE TABLE IF NOT EXISTS transactions_raw (
    event_id          String,
    transaction_id    String,
    customer_id       String,
    ts                DateTime64(3, 'UTC'),
    amount            Decimal(18, 2),
    currency          LowCardinality(String),
    channel           LowCardinality(String),
    product_category  LowCardinality(String),
    campaign_id       String,
    region            LowCardinality(String),
    _ingested_at      DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY event_id;

CREATE TABLE IF NOT EXISTS survey_responses_raw (
    event_id        String,
    survey_id       String,
    customer_id     String,
    transaction_id  String,
    ts              DateTime64(3, 'UTC'),
    region          LowCardinality(String),
    channel         LowCardinality(String),
    language        LowCardinality(String),
    nps_score       Nullable(UInt8),
    csat_score      Nullable(UInt8),
    ces_score       Nullable(UInt8),
    comment         String,
    answers         String,
    _ingested_at    DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY event_id;

CREATE TABLE IF NOT EXISTS feedback_raw (
    event_id           String,
    feedback_id        String,
    customer_id        String,
    ts                 DateTime64(3, 'UTC'),
    region             LowCardinality(String),
    channel            LowCardinality(String),
    category           LowCardinality(String),
    severity           Nullable(UInt8),
    first_response_at  Nullable(DateTime64(3, 'UTC')),
    resolved_at        Nullable(DateTime64(3, 'UTC')),
    text               String,
    _ingested_at       DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY event_id;

CREATE TABLE IF NOT EXISTS campaigns_raw (
    campaign_id   String,
    name          String,
    channel       LowCardinality(String),
    start_date    Date,
    end_date      Date,
    cost          Decimal(18, 2),
    region        LowCardinality(String),
    _hash         UInt64,
    _ingested_at  DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree(_ingested_at)
ORDER BY campaign_id;

CREATE VIEW IF NOT EXISTS customers AS
SELECT customer_id, updated_at, name, region, province, city, segment, email, phone, signup_date
FROM customers_raw FINAL;

CREATE VIEW IF NOT EXISTS transactions AS
SELECT event_id, transaction_id, customer_id, ts, amount, currency, channel, product_category, campaign_id, region
FROM transactions_raw FINAL;

CREATE VIEW IF NOT EXISTS survey_responses AS
SELECT event_id, survey_id, customer_id, transaction_id, ts, region, channel, language,
       nps_score, csat_score, ces_score, comment, answers
FROM survey_responses_raw FINAL;

CREATE VIEW IF NOT EXISTS feedback AS
SELECT event_id, feedback_id, customer_id, ts, region, channel, category, severity,
       first_response_at, resolved_at, text
FROM feedback_raw FINAL;

CREATE VIEW IF NOT EXISTS campaigns AS
SELECT campaign_id, name, channel, start_date, end_date, cost, region
FROM campaigns_raw FINAL;
