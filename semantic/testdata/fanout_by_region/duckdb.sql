WITH "agg0" AS (
  SELECT "t1"."region" AS "k0", sum("t0"."amount") AS "a0", count("t0"."id") AS "a2", avg("t0"."amount") AS "a3"
  FROM (SELECT "customer_id" AS "customer_id", "amount" AS "amount", "id" AS "id" FROM "orders") AS "t0"
  LEFT JOIN (SELECT "id" AS "id", "region" AS "region" FROM "customers") AS "t1" ON "t1"."id" = "t0"."customer_id"
  GROUP BY 1
), "agg1" AS (
  SELECT "t2"."region" AS "k0", sum("t0"."amount") AS "a1"
  FROM (SELECT "order_id" AS "order_id", "amount" AS "amount" FROM "payments") AS "t0"
  LEFT JOIN (SELECT "id" AS "id", "customer_id" AS "customer_id" FROM "orders") AS "t1" ON "t1"."id" = "t0"."order_id"
  LEFT JOIN (SELECT "id" AS "id", "region" AS "region" FROM "customers") AS "t2" ON "t2"."id" = "t1"."customer_id"
  GROUP BY 1
), "merged" AS (
  SELECT "k0", max("a0") AS "a0", max("a2") AS "a2", max("a3") AS "a3", max("a1") AS "a1"
  FROM (SELECT "k0", "a0", "a2", "a3" FROM "agg0"
    UNION ALL BY NAME SELECT "k0", "a1" FROM "agg1") AS "stacked"
  GROUP BY 1
)
SELECT "k0" AS "customer__region", "a0" AS "booked_revenue", coalesce("a1", 0) AS "collected_revenue", coalesce("a2", 0) AS "order_count", "a3" AS "avg_order_value", (CAST(coalesce("a1", 0) AS DOUBLE PRECISION) / NULLIF("a0", 0)) AS "collection_rate"
FROM "merged"
ORDER BY "customer__region" NULLS LAST
-- column customer__region dimension string
-- column booked_revenue metric decimal
-- column collected_revenue metric decimal
-- column order_count metric integer
-- column avg_order_value metric float
-- column collection_rate metric float
