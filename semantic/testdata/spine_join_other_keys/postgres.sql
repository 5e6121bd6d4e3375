WITH "agg0" AS (
  SELECT CAST(date_trunc('month', CAST("t0"."ordered_on" AS TIMESTAMP)) AS DATE) AS "k0", "t0"."region" AS "k1", sum("t0"."amount") AS "a0"
  FROM (SELECT "ordered_on" AS "ordered_on", "region" AS "region", "amount" AS "amount" FROM "orders") AS "t0"
  WHERE "t0"."ordered_on" >= CAST($1 AS DATE) AND "t0"."ordered_on" < CAST($2 AS DATE)
  GROUP BY 1, 2
), "agg1" AS (
  SELECT s.d AS "k0", x."k1" AS "k1"
  FROM (SELECT CAST(CAST($3 AS TIMESTAMP) + g.i * INTERVAL '1 month' AS DATE) AS d FROM generate_series(0, 5) AS g(i)) AS s
  LEFT JOIN "agg0" AS x ON x."k0" = s.d
  WHERE x."k0" IS NULL
), "merged" AS (
  SELECT coalesce("agg0"."k0", "agg1"."k0") AS "k0", coalesce("agg0"."k1", "agg1"."k1") AS "k1", max("agg0"."a0") AS "a0"
  FROM "agg0" FULL JOIN "agg1" ON FALSE
  GROUP BY 1, 2
)
SELECT "k0" AS "metric_time__month", "k1" AS "order__region", coalesce("a0", 0) AS "revenue"
FROM "merged"
ORDER BY "metric_time__month" NULLS LAST, "order__region" NULLS LAST
-- $1 = "2024-01-01"
-- $2 = "2024-07-01"
-- $3 = "2024-01-01"
-- column metric_time__month dimension date
-- column order__region dimension string
-- column revenue metric decimal
