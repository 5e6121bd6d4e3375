WITH "agg0" AS (
  SELECT "t1"."region" AS "k0", sum("t0"."amount") AS "a0", count("t0"."id") AS "a1"
  FROM (SELECT "customer_id" AS "customer_id", "id" AS "id", "amount" AS "amount" FROM "orders") AS "t0"
  LEFT JOIN (SELECT "id" AS "id", "region" AS "region" FROM "customers") AS "t1" ON "t1"."id" = "t0"."customer_id"
  WHERE ("t0"."id" IN (SELECT "t0"."id" FROM (SELECT "customer_id" AS "customer_id", "id" AS "id", "amount" AS "amount" FROM "orders") AS "t0"
    LEFT JOIN (SELECT "order_id" AS "order_id", "method" AS "method" FROM "payments") AS "t2" ON "t2"."order_id" = "t0"."id"
    WHERE "t2"."method" = $1)
    OR ("t0"."id" IS NULL AND (CAST(NULL AS TEXT) = $2)))
  GROUP BY 1
), "agg1" AS (
  SELECT "t2"."region" AS "k0", sum("t0"."amount") AS "a2"
  FROM (SELECT "order_id" AS "order_id", "method" AS "method", "amount" AS "amount" FROM "payments") AS "t0"
  LEFT JOIN (SELECT "id" AS "id", "customer_id" AS "customer_id" FROM "orders") AS "t1" ON "t1"."id" = "t0"."order_id"
  LEFT JOIN (SELECT "id" AS "id", "region" AS "region" FROM "customers") AS "t2" ON "t2"."id" = "t1"."customer_id"
  WHERE ("t0"."method" = $3)
  GROUP BY 1
), "merged" AS (
  SELECT coalesce("agg0"."k0", "agg1"."k0") AS "k0", max("agg0"."a0") AS "a0", max("agg0"."a1") AS "a1", max("agg1"."a2") AS "a2"
  FROM "agg0" FULL JOIN "agg1" ON FALSE
  GROUP BY 1
)
SELECT "k0" AS "customer__region", "a0" AS "booked_revenue", coalesce("a1", 0) AS "order_count", coalesce("a2", 0) AS "collected_revenue"
FROM "merged"
ORDER BY "customer__region" NULLS LAST
-- $1 = "card"
-- $2 = "card"
-- $3 = "card"
-- column customer__region dimension string
-- column booked_revenue metric decimal
-- column order_count metric integer
-- column collected_revenue metric decimal
