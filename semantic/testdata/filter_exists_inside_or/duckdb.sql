WITH "agg0" AS (
  SELECT "t0"."segment" AS "k0", count("t0"."customer") AS "a0"
  FROM (SELECT "segment" AS "segment", "id" AS "customer" FROM "customers") AS "t0"
  WHERE (EXISTS (SELECT 1 FROM (SELECT "customer_id" AS "customer", "status" AS "status" FROM "orders") AS "t1"
    WHERE "t1"."customer" = "t0"."customer" AND (("t0"."segment" = $1 OR "t1"."status" = $2)))
    OR (NOT EXISTS (SELECT 1 FROM (SELECT "customer_id" AS "customer", "status" AS "status" FROM "orders") AS "t1" WHERE "t1"."customer" = "t0"."customer") AND (("t0"."segment" = $3 OR CAST(NULL AS TEXT) = $4))))
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
