WITH "agg0" AS (
  SELECT CAST(date_trunc('quarter', CAST("t0"."ordered_on" AS TIMESTAMP) - INTERVAL '3 months') + INTERVAL '3 months' AS DATE) AS "k0", CAST(date_trunc('year', CAST("t0"."ordered_on" AS TIMESTAMP) - INTERVAL '3 months') + INTERVAL '3 months' AS DATE) AS "k1", sum("t0"."amount") AS "a0"
  FROM (SELECT "ordered_on" AS "ordered_on", "amount" AS "amount" FROM "orders") AS "t0"
  GROUP BY 1, 2
)
SELECT "k0" AS "metric_time__quarter", "k1" AS "metric_time__year", "a0" AS "booked_revenue"
FROM "agg0"
ORDER BY "metric_time__quarter" NULLS LAST, "metric_time__year" NULLS LAST
-- column metric_time__quarter dimension date
-- column metric_time__year dimension date
-- column booked_revenue metric decimal
