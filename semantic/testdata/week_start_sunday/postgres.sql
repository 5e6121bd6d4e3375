WITH "agg0" AS (
  SELECT CAST(date_trunc('week', CAST("t0"."ordered_on" AS TIMESTAMP) + INTERVAL '1 days') - INTERVAL '1 days' AS DATE) AS "k0", sum("t0"."amount") AS "a0"
  FROM (SELECT "ordered_on" AS "ordered_on", "amount" AS "amount" FROM "orders") AS "t0"
  GROUP BY 1
)
SELECT "k0" AS "metric_time__week", "a0" AS "booked_revenue"
FROM "agg0"
ORDER BY "metric_time__week" NULLS LAST
-- column metric_time__week dimension date
-- column booked_revenue metric decimal
