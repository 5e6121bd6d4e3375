WITH "agg0" AS (
  SELECT "t0"."region" AS "k0", count(CASE WHEN ("t0"."status" = $1) THEN "t0"."id" END) AS "a0", count("t0"."id") AS "a1"
  FROM (SELECT "region" AS "region", "source" AS "source", "id" AS "id", "status" AS "status" FROM "leads") AS "t0"
  WHERE ("t0"."source" = $2)
  GROUP BY 1
)
SELECT "k0" AS "lead__region", (CAST(coalesce("a0", 0) AS DOUBLE PRECISION) / NULLIF(coalesce("a1", 0), 0)) AS "qualified_rate", coalesce("a0", 0) AS "qualified_leads", coalesce("a1", 0) AS "leads"
FROM "agg0"
ORDER BY "lead__region" NULLS LAST
-- $1 = "qualified"
-- $2 = "paid"
-- column lead__region dimension string
-- column qualified_rate metric float
-- column qualified_leads metric integer
-- column leads metric integer
