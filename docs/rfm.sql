-- RFM summary for CX Impact, in one standard SQL query (SQL:1999 WITH).
--
-- Produces the "RFM summary" shape the app reads (Shape::Rfm) from an orders
-- table, in the published day convention of Fader, Hardie & Lee (2005, the
-- CDNOW summary), the input of BG/NBD and Gamma-Gamma models (Fader &
-- Hardie 2013, "The Gamma-Gamma Model of Monetary Value"). The result
-- equals `cxi rfm --time-convention days` (the default convention) on the
-- same orders and calibration end: `unit_days` 1 is `--time-unit day`, 7 is
-- `--time-unit week` (cxi's default unit), 30.4375 (365.25/12) is
-- `--time-unit month` (crates/models/src/rfm.rs, `unit_days`).
-- scripts/sql_check.py (run by `./x test`) checks this in DuckDB against
-- cxi on generated orders, to 1e-9 and frequency exactly.
--
--   * purchases: orders dated on or before the calibration end with an
--     amount >= 0 (0 is a purchase: a free order is still a visit);
--     negative amounts (returns) are not purchases and are left out, and
--     so are orders after the calibration end. A customer left with no
--     purchase has no row;
--   * one purchase per day: several orders of a customer on the same day
--     count as one purchase, their amounts added;
--   * frequency      = number of distinct purchase days after the first one
--                      (repeat purchases only);
--   * recency        = days from the first to the last purchase day,
--                      divided by unit_days (0 when frequency is 0);
--   * T              = days from the first purchase day to the calibration
--                      end, divided by unit_days;
--   * monetary_value = mean spend of the repeat purchase days, the first
--                      day excluded (0 when frequency is 0).
--
-- Input: orders(customer_id, order_date DATE, amount NUMERIC).
-- Set the calibration end (inclusive) and the unit in `params`. For a
-- grouped summary (one row per frequency, recency, T with a count of
-- customers) see docs/rfm_grouped.sql.
--
-- Written for PostgreSQL and DuckDB as it is. Per warehouse:
--   * day differences, each `(x - y)` marked DAYS below: an integer number
--     of days in PostgreSQL and DuckDB; BigQuery DATE_DIFF(x, y, DAY);
--     Snowflake DATEDIFF(day, y, x); Spark SQL DATEDIFF(x, y) (end first).
--     (Elsewhere: SQL Server, Redshift DATEDIFF(day, y, x); MySQL
--     DATEDIFF(x, y); SQLite (julianday(x) - julianday(y)).)
--   * `DOUBLE PRECISION`: BigQuery FLOAT64; Spark SQL DOUBLE; Snowflake,
--     PostgreSQL and DuckDB as written. Keep unit_days a float: a decimal
--     7.0 makes Snowflake and Spark round the division to 6 decimals.
--   * order_date must be a DATE: truncate a timestamp first (BigQuery
--     DATE(ts), Snowflake and Spark TO_DATE(ts), PostgreSQL ts::date), in
--     the time zone the days are counted in.
--   * amount: a DECIMAL amount gives a DECIMAL mean, rounded by Snowflake
--     and Spark to a few decimals (6 in Spark); cast it to DOUBLE
--     PRECISION in purchase_days to get cxi's figures beyond that.
--
-- Checked by hand on the CDNOW sample (Fader & Hardie's 2 357 customers;
-- customer = the file's second column; calibration end 1997-09-30, the
-- 39-week calibration period; unit_days 7): the query, run in SQLite with
-- julianday() differences, reproduces their published summary (x, t_x, T,
-- zbar) for all 2 357 customers, frequency exactly and the others within
-- the reference's two-decimal rounding (max 0.005).

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
)
SELECT r.customer_id AS id,
       COUNT(*) - 1 AS frequency,
       MAX(r.purchase_day - r.first_day) / MAX(p.unit_days) AS recency,   -- DAYS
       MAX(p.calibration_end - r.first_day) / MAX(p.unit_days) AS t,      -- DAYS
       COALESCE(AVG(CASE WHEN r.n > 1 THEN r.spend END), 0) AS monetary_value
FROM ranked r
CROSS JOIN params p
GROUP BY r.customer_id
ORDER BY r.customer_id;
