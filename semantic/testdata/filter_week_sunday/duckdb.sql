WITH "agg0" AS (
  SELECT sum("t0"."amount") AS "a0"
  FROM (SELECT "ordered_on" AS "ordered_on", "amount" AS "amount" FROM "orders") AS "t0"
  WHERE (CAST(date_trunc('week', CAST("t0"."ordered_on" AS TIMESTAMP) + INTERVAL '1 days') - INTERVAL '1 days' AS DATE) = CAST($1 AS DATE))
)
SELECT "a0" AS "booked_revenue"
FROM "agg0"
-- $1 = "2024-03-03"
-- column booked_revenue metric decimal
