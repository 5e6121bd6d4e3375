WITH "agg0" AS (
  SELECT "t0"."region" AS "k0", count("t0"."id") AS "a0", sum("t0"."amount") AS "a1"
  FROM (SELECT "region" AS "region", "id" AS "id", "amount" AS "amount" FROM "orders") AS "t0"
  GROUP BY 1
)
SELECT "k0" AS "order__region", coalesce("a0", 0) AS "order_count"
FROM "agg0"
ORDER BY "a1" DESC NULLS LAST, "order__region" NULLS LAST
LIMIT 2
-- column order__region dimension string
-- column order_count metric integer
