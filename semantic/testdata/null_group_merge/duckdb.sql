WITH "agg0" AS (
  SELECT "t1"."segment" AS "k0", sum("t0"."amount") AS "a0"
  FROM (SELECT "account_id" AS "account_id", "amount" AS "amount" FROM "orders") AS "t0"
  LEFT JOIN (SELECT "id" AS "id", "segment" AS "segment" FROM "accounts") AS "t1" ON "t1"."id" = "t0"."account_id"
  GROUP BY 1
), "agg1" AS (
  SELECT "t1"."segment" AS "k0", count("t0"."id") AS "a1"
  FROM (SELECT "account_id" AS "account_id", "id" AS "id" FROM "leads") AS "t0"
  LEFT JOIN (SELECT "id" AS "id", "segment" AS "segment" FROM "accounts") AS "t1" ON "t1"."id" = "t0"."account_id"
  GROUP BY 1
), "merged" AS (
  SELECT "k0", max("a0") AS "a0", max("a1") AS "a1"
  FROM (SELECT "k0", "a0" FROM "agg0"
    UNION ALL BY NAME SELECT "k0", "a1" FROM "agg1") AS "stacked"
  GROUP BY 1
)
SELECT "k0" AS "account__segment", "a0" AS "booked_revenue", coalesce("a1", 0) AS "leads"
FROM "merged"
ORDER BY "account__segment" NULLS LAST
-- column account__segment dimension string
-- column booked_revenue metric decimal
-- column leads metric integer
