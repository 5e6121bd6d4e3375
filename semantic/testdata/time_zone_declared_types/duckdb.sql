WITH "agg0" AS (
  SELECT CAST(date_trunc('day', timezone($1, "t0"."placed_at")) AS DATE) AS "k0", CAST(date_trunc('day', timezone($1, timezone('UTC', "t0"."shipped_at_utc"))) AS DATE) AS "k1", sum("t0"."amount") AS "a0"
  FROM (SELECT "placed_at" AS "placed_at", "shipped_at_utc" AS "shipped_at_utc", "amount" AS "amount" FROM "orders") AS "t0"
  WHERE "t0"."placed_at" >= CAST($2 AS TIMESTAMPTZ) AND "t0"."placed_at" < CAST($3 AS TIMESTAMPTZ)
  GROUP BY 1, 2
)
SELECT "k0" AS "metric_time__day", "k1" AS "order__shipped_at_utc__day", "a0" AS "booked_revenue"
FROM "agg0"
ORDER BY "metric_time__day" NULLS LAST, "order__shipped_at_utc__day" NULLS LAST
-- $1 = "America/New_York"
-- $2 = "2024-03-10 05:00:00+00"
-- $3 = "2024-03-11 04:00:00+00"
-- column metric_time__day dimension date
-- column order__shipped_at_utc__day dimension date
-- column booked_revenue metric decimal
