-- The bench's eight requests written by hand for PostgreSQL, one per "-- name:" block.
-- :from, :to and :prev_from are days in Asia/Shanghai (bound as dates); to is exclusive.

-- name: nps_by_region
SELECT region, round(100.0 * (count(*) FILTER (WHERE nps_score >= 9) - count(*) FILTER (WHERE nps_score <= 6)) / count(*), 2) AS nps,
       count(*) AS responses
FROM survey_responses
WHERE nps_score IS NOT NULL
  AND ts >= (:from::timestamp AT TIME ZONE 'Asia/Shanghai') AND ts < (:to::timestamp AT TIME ZONE 'Asia/Shanghai')
GROUP BY region ORDER BY region;

-- name: nps_by_month
SELECT date_trunc('month', ts AT TIME ZONE 'Asia/Shanghai')::date AS month,
       round(100.0 * (count(*) FILTER (WHERE nps_score >= 9) - count(*) FILTER (WHERE nps_score <= 6)) / count(*), 2) AS nps,
       count(*) AS responses
FROM survey_responses
WHERE nps_score IS NOT NULL
  AND ts >= (:from::timestamp AT TIME ZONE 'Asia/Shanghai') AND ts < (:to::timestamp AT TIME ZONE 'Asia/Shanghai')
GROUP BY 1 ORDER BY 1;

-- name: revenue_by_region_month
SELECT region, date_trunc('month', ts AT TIME ZONE 'Asia/Shanghai')::date AS month,
       sum(amount) AS revenue, count(*) AS orders, round(sum(amount) / count(*), 2) AS aov
FROM transactions
WHERE ts >= (:from::timestamp AT TIME ZONE 'Asia/Shanghai') AND ts < (:to::timestamp AT TIME ZONE 'Asia/Shanghai')
GROUP BY 1, 2 ORDER BY 1, 2;

-- name: churn_by_region
WITH base AS (
    SELECT DISTINCT region, customer_id FROM transactions
    WHERE ts >= (:prev_from::timestamp AT TIME ZONE 'Asia/Shanghai') AND ts < (:from::timestamp AT TIME ZONE 'Asia/Shanghai')),
now AS (
    SELECT DISTINCT region, customer_id FROM transactions
    WHERE ts >= (:from::timestamp AT TIME ZONE 'Asia/Shanghai') AND ts < (:to::timestamp AT TIME ZONE 'Asia/Shanghai'))
SELECT b.region, round(100.0 * count(*) FILTER (WHERE n.customer_id IS NULL) / count(*), 2) AS churn_rate_pct
FROM base b LEFT JOIN now n ON n.region = b.region AND n.customer_id = b.customer_id
GROUP BY b.region ORDER BY b.region;

-- name: campaign_roi
SELECT c.campaign_id, c.cost AS campaign_cost, coalesce(sum(t.amount), 0) AS campaign_revenue,
       round((coalesce(sum(t.amount), 0) - c.cost) / nullif(c.cost, 0), 4) AS campaign_roi
FROM campaigns c
LEFT JOIN transactions t ON t.campaign_id = c.campaign_id
     AND (t.ts AT TIME ZONE 'Asia/Shanghai')::date BETWEEN c.start_date AND c.end_date + 30
WHERE c.start_date >= :from::date AND c.start_date < :to::date
GROUP BY c.campaign_id, c.cost ORDER BY c.campaign_id;

-- name: complaints_per_1k_by_region
WITH f AS (
    SELECT region, count(*) AS complaints FROM feedback
    WHERE category = 'complaint'
      AND ts >= (:from::timestamp AT TIME ZONE 'Asia/Shanghai') AND ts < (:to::timestamp AT TIME ZONE 'Asia/Shanghai')
    GROUP BY region),
o AS (
    SELECT region, count(*) AS orders FROM transactions
    WHERE ts >= (:from::timestamp AT TIME ZONE 'Asia/Shanghai') AND ts < (:to::timestamp AT TIME ZONE 'Asia/Shanghai')
    GROUP BY region)
SELECT coalesce(f.region, o.region) AS region, coalesce(f.complaints, 0) AS complaints,
       round(1000.0 * coalesce(f.complaints, 0) / nullif(o.orders, 0), 2) AS complaints_per_1k_orders
FROM f FULL JOIN o ON o.region = f.region ORDER BY 1;

-- name: csat_by_channel
SELECT channel, round(100.0 * count(*) FILTER (WHERE csat_score >= 4) / nullif(count(csat_score), 0), 2) AS csat_top2_pct,
       round(avg(csat_score), 2) AS csat_avg
FROM survey_responses
WHERE ts >= (:from::timestamp AT TIME ZONE 'Asia/Shanghai') AND ts < (:to::timestamp AT TIME ZONE 'Asia/Shanghai')
GROUP BY channel ORDER BY channel;

-- name: executive_kpis_vs_previous_period
WITH s AS (
    SELECT ts >= (:from::timestamp AT TIME ZONE 'Asia/Shanghai') AS current,
           count(nps_score) AS responses,
           count(*) FILTER (WHERE nps_score >= 9) AS promoters, count(*) FILTER (WHERE nps_score <= 6) AS detractors,
           count(*) FILTER (WHERE csat_score >= 4) AS csat_top2, count(csat_score) AS csat_answers
    FROM survey_responses
    WHERE ts >= (:prev_from::timestamp AT TIME ZONE 'Asia/Shanghai') AND ts < (:to::timestamp AT TIME ZONE 'Asia/Shanghai')
    GROUP BY 1),
t AS (
    SELECT ts >= (:from::timestamp AT TIME ZONE 'Asia/Shanghai') AS current,
           sum(amount) AS revenue, count(*) AS orders, count(DISTINCT customer_id) AS active_customers
    FROM transactions
    WHERE ts >= (:prev_from::timestamp AT TIME ZONE 'Asia/Shanghai') AND ts < (:to::timestamp AT TIME ZONE 'Asia/Shanghai')
    GROUP BY 1)
SELECT s.current, round(100.0 * (s.promoters - s.detractors) / nullif(s.responses, 0), 2) AS nps,
       round(100.0 * s.csat_top2 / nullif(s.csat_answers, 0), 2) AS csat_top2_pct,
       t.revenue, t.orders, t.active_customers
FROM s JOIN t ON t.current = s.current ORDER BY s.current DESC;
