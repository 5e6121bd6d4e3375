WITH "agg0" AS (
  SELECT "t0"."status" AS "k0", "t0"."channel" AS "k1", CAST(date_trunc('month', timezone($1, (TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(epoch_us("t0"."ordered_at"))))) AS DATE) AS "k2", sum("t0"."amount") AS "a0", count("t0"."id") AS "a1", count(DISTINCT "t0"."customer_id") AS "a2"
  FROM (SELECT "status" AS "status", lower(utm_source) AS "channel", "ordered_at" AS "ordered_at", "amount" AS "amount", "id" AS "id", "customer_id" AS "customer_id" FROM "shop"."orders") AS "t0"
  GROUP BY 1, 2, 3
)
SELECT "k0" AS "order__status", "k1" AS "order__channel", "k2" AS "metric_time__month", "a0" AS "booked_revenue", coalesce("a1", 0) AS "orders", coalesce("a2", 0) AS "buyers"
FROM "agg0"
ORDER BY "booked_revenue" DESC NULLS LAST, "order__status" NULLS LAST, "order__channel" NULLS LAST, "metric_time__month" NULLS LAST
LIMIT 10
-- $1 = "Europe/Berlin"
-- column order__status dimension string
-- column order__channel dimension string
-- column metric_time__month dimension date
-- column booked_revenue metric decimal
-- column orders metric integer
-- column buyers metric integer
