WITH "agg0" AS (
  SELECT "t0"."status" AS "k0", count(CASE WHEN ("t0"."status" = $1) THEN "t0"."id" END) AS "a0", count("t0"."id") AS "a1"
  FROM (SELECT "status" AS "status", "id" AS "id" FROM "leads") AS "t0"
  GROUP BY 1
)
SELECT "k0" AS "lead__status", (CAST(coalesce("a0", 0) AS DOUBLE PRECISION) / NULLIF(coalesce("a1", 0), 0)) AS "qualified_rate", coalesce("a1", 0) AS "leads"
FROM "agg0"
ORDER BY "lead__status" NULLS LAST
-- $1 = "qualified"
-- column lead__status dimension string
-- column qualified_rate metric float
-- column leads metric integer
