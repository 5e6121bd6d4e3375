WITH "agg0" AS (
  SELECT "t0"."segment" AS "k0", count("t0"."id") AS "a0"
  FROM (SELECT "segment" AS "segment", "id" AS "id" FROM "customers") AS "t0"
  WHERE ("t0"."id" IN (SELECT "t0"."id" FROM (SELECT "segment" AS "segment", "id" AS "id" FROM "customers") AS "t0"
    LEFT JOIN (SELECT "customer_id" AS "customer_id", "status" AS "status" FROM "orders") AS "t1" ON "t1"."customer_id" = "t0"."id"
    WHERE ("t0"."segment" = $1 OR "t1"."status" = $2))
    OR ("t0"."id" IS NULL AND (("t0"."segment" = $3 OR CAST(NULL AS TEXT) = $4))))
  GROUP BY 1
)
SELECT "k0" AS "customer__segment", coalesce("a0", 0) AS "customers"
FROM "agg0"
ORDER BY "customer__segment" NULLS LAST
-- $1 = "enterprise"
-- $2 = "returned"
-- $3 = "enterprise"
-- $4 = "returned"
-- column customer__segment dimension string
-- column customers metric integer
