WITH "agg0" AS (
  SELECT "t1"."name" AS "k0", count("t0"."id") AS "a0", sum("t0"."amount") AS "a1"
  FROM (SELECT "store_id" AS "store_id", "id" AS "id", "amount" AS "amount" FROM "orders") AS "t0"
  LEFT JOIN (SELECT "id" AS "id", "name" AS "name" FROM "stores") AS "t1" ON "t1"."id" = "t0"."store_id"
  GROUP BY 1
), "agg1" AS (
  SELECT "t0"."name" AS "k0"
  FROM (SELECT "name" AS "name" FROM "stores") AS "t0"
  GROUP BY 1
), "merged" AS (
  SELECT "k0", max("a0") AS "a0", max("a1") AS "a1"
  FROM (SELECT "k0", "a0", "a1" FROM "agg0"
    UNION ALL BY NAME SELECT "k0" FROM "agg1") AS "stacked"
  GROUP BY 1
)
SELECT "k0" AS "store__name", coalesce("a0", 0) AS "order_count"
FROM "merged"
WHERE ((coalesce("a0", 0) = $1 OR coalesce("a1", 0) > $2))
ORDER BY "store__name" NULLS LAST
-- $1 = 1
-- $2 = 25
-- column store__name dimension string
-- column order_count metric integer
