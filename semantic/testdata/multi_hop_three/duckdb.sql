WITH "agg0" AS (
  SELECT "t3"."name" AS "k0", "t2"."tier" AS "k1", sum("t0"."amount") AS "a0"
  FROM (SELECT "order_id" AS "order_id", "amount" AS "amount" FROM "payments") AS "t0"
  LEFT JOIN (SELECT "id" AS "id", "customer_id" AS "customer_id" FROM "orders") AS "t1" ON "t1"."id" = "t0"."order_id"
  LEFT JOIN (SELECT "id" AS "id", "region_id" AS "region_id", "tier" AS "tier" FROM "customers") AS "t2" ON "t2"."id" = "t1"."customer_id"
  LEFT JOIN (SELECT "id" AS "id", "name" AS "name" FROM "regions") AS "t3" ON "t3"."id" = "t2"."region_id"
  GROUP BY 1, 2
), "agg1" AS (
  SELECT "t2"."name" AS "k0", "t1"."tier" AS "k1", count("t0"."id") AS "a1"
  FROM (SELECT "customer_id" AS "customer_id", "id" AS "id" FROM "orders") AS "t0"
  LEFT JOIN (SELECT "id" AS "id", "region_id" AS "region_id", "tier" AS "tier" FROM "customers") AS "t1" ON "t1"."id" = "t0"."customer_id"
  LEFT JOIN (SELECT "id" AS "id", "name" AS "name" FROM "regions") AS "t2" ON "t2"."id" = "t1"."region_id"
  GROUP BY 1, 2
), "merged" AS (
  SELECT "k0", "k1", max("a0") AS "a0", max("a1") AS "a1"
  FROM (SELECT "k0", "k1", "a0" FROM "agg0"
    UNION ALL BY NAME SELECT "k0", "k1", "a1" FROM "agg1") AS "stacked"
  GROUP BY 1, 2
)
SELECT "k0" AS "region__name", "k1" AS "customer__tier", "a0" AS "collected_revenue", coalesce("a1", 0) AS "orders", (CAST("a0" AS DOUBLE PRECISION) / NULLIF((coalesce("a1", 0) + 0), 0)) AS "revenue_per_order"
FROM "merged"
ORDER BY "region__name" NULLS LAST, "customer__tier" NULLS LAST
-- column region__name dimension string
-- column customer__tier dimension string
-- column collected_revenue metric decimal
-- column orders metric integer
-- column revenue_per_order metric float
