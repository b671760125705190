-- Grouped RFM summary for CX Impact, in one standard SQL query (SQL:1999
-- WITH): one row per distinct (frequency, recency, T) with the number of
-- customers who have it, the warehouse path to a BG/NBD fit of millions of
-- customers from a few thousand rows.
--
-- Same orders, parameters and day convention as docs/rfm.sql (read its
-- header: purchases are orders on or before the calibration end with an
-- amount >= 0, one purchase per day, recency and T in days / unit_days),
-- whose per-customer rows are the `summary` step below. The result equals
-- `cxi rfm --time-convention days` (unit_days 1: `--time-unit day`, 7:
-- `--time-unit week`, 30.4375: `--time-unit month`) grouped by frequency,
-- recency and T; scripts/sql_check.py (run by `./x test`) checks this in
-- DuckDB, and that `cxi bgnbd` on these rows (its `customers` count
-- column) gives the fit of the per-customer summary.
--
-- Columns:
--   * frequency, recency, t: the group's summary (exact: days are integers,
--     so equal customers fall in one group);
--   * customers: how many customers have it, the count column that
--     `cxi bgnbd`, `cxi gamma-gamma` and the app read (customers, count, n
--     or weight);
--   * monetary_value: the mean of the group's customers' monetary values,
--     each customer counted once (weighted by customers). As a group shares
--     its frequency x, this is also the group's repeat spend divided by
--     customers * x: sum(customers * frequency * monetary_value) over the
--     groups is the total repeat spend, so means per purchase are kept.
--
-- Caveat for spend models: Gamma-Gamma reads each customer's own mean
-- spend (z-bar) with his x, and its likelihood is not linear in z-bar, so a
-- grouped row stands for `customers` customers who all spent the group's
-- mean: the spread of spend within a group is lost and a Gamma-Gamma fit on
-- these rows is not the per-customer fit (BG/NBD, which reads only x,
-- t_x and T, is exact). For spend fits either use the per-customer summary
-- (docs/rfm.sql), or group also by the rounded spend: add
-- ROUND(monetary_value, 2) to the GROUP BY and select it as monetary_value,
-- so a row's customers share x and z-bar to the cent and a Gamma-Gamma fit
-- on the grouped rows is the per-customer fit on spends rounded to the cent
-- (more rows: customers with repeat purchases rarely share a spend).
--
-- Per warehouse (BigQuery, Snowflake, Spark SQL, PostgreSQL, DuckDB): the
-- same substitutions as docs/rfm.sql (day differences marked DAYS, DOUBLE
-- PRECISION, DATE order dates, DECIMAL amounts). GROUP BY on the float
-- recency and T is exact in all five: both are integer days divided by the
-- same unit_days.

WITH params AS (
    SELECT DATE '1997-09-30' AS calibration_end,
           -- Days in the unit: 1 day, 7 week, 30.4375 month (365.25/12).
           CAST(1 AS DOUBLE PRECISION) AS unit_days
),
purchase_days AS (
    -- One row per customer and purchase day, amounts of that day added.
    SELECT o.customer_id,
           o.order_date AS purchase_day,
           SUM(o.amount) AS spend
    FROM orders o
    CROSS JOIN params p
    WHERE o.order_date <= p.calibration_end
      AND o.amount >= 0                 -- returns are not purchases
    GROUP BY o.customer_id, o.order_date
),
ranked AS (
    SELECT customer_id,
           purchase_day,
           spend,
           MIN(purchase_day) OVER (PARTITION BY customer_id) AS first_day,
           ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY purchase_day) AS n
    FROM purchase_days
),
summary AS (
    -- docs/rfm.sql's per-customer rows.
    SELECT r.customer_id AS id,
           COUNT(*) - 1 AS frequency,
           MAX(r.purchase_day - r.first_day) / MAX(p.unit_days) AS recency,   -- DAYS
           MAX(p.calibration_end - r.first_day) / MAX(p.unit_days) AS t,      -- DAYS
           COALESCE(AVG(CASE WHEN r.n > 1 THEN r.spend END), 0) AS monetary_value
    FROM ranked r
    CROSS JOIN params p
    GROUP BY r.customer_id
)
SELECT frequency,
       recency,
       t,
       COUNT(*) AS customers,
       AVG(monetary_value) AS monetary_value
FROM summary
GROUP BY frequency, recency, t
ORDER BY frequency, recency, t;
