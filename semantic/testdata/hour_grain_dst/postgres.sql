WITH "agg0" AS (
  SELECT date_trunc('hour', (to_timestamp(extract(epoch FROM "t0"."ordered_at_utc")) AT TIME ZONE $1)) AS "k0", sum("t0"."amount") AS "a0"
  FROM (SELECT "ordered_at_utc" AS "ordered_at_utc", "amount" AS "amount" FROM "orders") AS "t0"
  WHERE to_timestamp(extract(epoch FROM "t0"."ordered_at_utc")) >= CAST($2 AS TIMESTAMPTZ) AND to_timestamp(extract(epoch FROM "t0"."ordered_at_utc")) < CAST($3 AS TIMESTAMPTZ)
  GROUP BY 1
)
SELECT "k0" AS "metric_time__hour", "a0" AS "booked_revenue"
FROM "agg0"
ORDER BY "metric_time__hour" NULLS LAST
-- $1 = "America/New_York"
-- $2 = "2024-11-03 04:00:00+00"
-- $3 = "2024-11-03 08:00:00+00"
-- column metric_time__hour dimension timestamp
-- column booked_revenue metric decimal
