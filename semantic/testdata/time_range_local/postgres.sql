WITH "agg0" AS (
  SELECT sum("t0"."amount") AS "a0"
  FROM (SELECT "ordered_at_utc" AS "ordered_at_utc", "amount" AS "amount" FROM "orders") AS "t0"
  WHERE to_timestamp(extract(epoch FROM "t0"."ordered_at_utc")) >= CAST($1 AS TIMESTAMPTZ) AND to_timestamp(extract(epoch FROM "t0"."ordered_at_utc")) < CAST($2 AS TIMESTAMPTZ)
)
SELECT "a0" AS "booked_revenue"
FROM "agg0"
-- $1 = "2024-02-01 05:00:00+00"
-- $2 = "2024-03-01 05:00:00+00"
-- column booked_revenue metric decimal
