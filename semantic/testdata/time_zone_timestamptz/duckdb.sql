WITH "agg0" AS (
  SELECT CAST(date_trunc('month', timezone($1, (TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(epoch_us("t0"."ordered_at_utc"))))) AS DATE) AS "k0", sum("t0"."amount") AS "a0"
  FROM (SELECT "ordered_at_utc" AS "ordered_at_utc", "amount" AS "amount" FROM "orders") AS "t0"
  GROUP BY 1
)
SELECT "k0" AS "metric_time__month", "a0" AS "booked_revenue"
FROM "agg0"
ORDER BY "metric_time__month" NULLS LAST
-- $1 = "America/New_York"
-- column metric_time__month dimension date
-- column booked_revenue metric decimal
