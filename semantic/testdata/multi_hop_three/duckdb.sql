WITH "agg0" AS (
  SELECT "t3"."name" AS "k0", "t2"."tier" AS "k1", sum("t0"."collected_amount") AS "a0"
  FROM (SELECT "order_id" AS "order", "amount" AS "collected_amount" FROM "payments") AS "t0"
  LEFT JOIN (SELECT "id" AS "order", "customer_id" AS "customer" FROM "orders") AS "t1" ON "t1"."order" = "t0"."order"
  LEFT JOIN (SELECT "id" AS "customer", "region_id" AS "region", "tier" AS "tier" FROM "customers") AS "t2" ON "t2"."customer" = "t1"."customer"
  LEFT JOIN (SELECT "id" AS "region", "name" AS "name" FROM "regions") AS "t3" ON "t3"."region" = "t2"."region"
  GROUP BY 1, 2
), "agg1" AS (
  SELECT "t2"."name" AS "k0", "t1"."tier" AS "k1", count("t0"."order_count") AS "a1"
  FROM (SELECT "customer_id" AS "customer", "id" AS "order_count" FROM "orders") AS "t0"
  LEFT JOIN (SELECT "id" AS "customer", "region_id" AS "region", "tier" AS "tier" FROM "customers") AS "t1" ON "t1"."customer" = "t0"."customer"
  LEFT JOIN (SELECT "id" AS "region", "name" AS "name" FROM "regions") AS "t2" ON "t2"."region" = "t1"."region"
  GROUP BY 1, 2
), "merged" AS (
  SELECT coalesce("agg0"."k0", "agg1"."k0") AS "k0", coalesce("agg0"."k1", "agg1"."k1") AS "k1", max("agg0"."a0") AS "a0", max("agg1"."a1") AS "a1"
  FROM "agg0" FULL JOIN "agg1" ON FALSE
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
