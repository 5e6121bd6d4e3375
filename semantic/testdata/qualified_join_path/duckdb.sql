WITH "agg0" AS (
  SELECT "t2"."name" AS "k0", "t4"."name" AS "k1", count("t0"."id") AS "a0"
  FROM (SELECT "buyer_id" AS "buyer_id", "seller_id" AS "seller_id", "id" AS "id" FROM "sales") AS "t0"
  LEFT JOIN (SELECT "id" AS "id", "region_id" AS "region_id" FROM "buyers") AS "t1" ON "t1"."id" = "t0"."buyer_id"
  LEFT JOIN (SELECT "id" AS "id", "name" AS "name" FROM "regions") AS "t2" ON "t2"."id" = "t1"."region_id"
  LEFT JOIN (SELECT "id" AS "id", "region_id" AS "region_id" FROM "sellers") AS "t3" ON "t3"."id" = "t0"."seller_id"
  LEFT JOIN (SELECT "id" AS "id", "name" AS "name" FROM "regions") AS "t4" ON "t4"."id" = "t3"."region_id"
  WHERE ("t4"."name" <> $1)
  GROUP BY 1, 2
)
SELECT "k0" AS "buyer__region__name", "k1" AS "seller__region__name", coalesce("a0", 0) AS "sales"
FROM "agg0"
ORDER BY "buyer__region__name" NULLS LAST, "seller__region__name" NULLS LAST
-- $1 = "north"
-- column buyer__region__name dimension string
-- column seller__region__name dimension string
-- column sales metric integer
