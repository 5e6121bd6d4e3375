WITH "agg0" AS (
  SELECT "t0"."ordered_on" AS "k0", sum("t0"."amount") AS "a0"
  FROM (SELECT "ordered_on" AS "ordered_on", "amount" AS "amount" FROM "orders") AS "t0"
  WHERE "t0"."ordered_on" >= CAST($1 AS DATE) AND "t0"."ordered_on" < CAST($2 AS DATE)
  GROUP BY 1
), "agg1" AS (
  SELECT s.d AS "k0"
  FROM (SELECT CAST(CAST($3 AS TIMESTAMP) + g.i * INTERVAL '1 day' AS DATE) AS d FROM generate_series(0, 30) AS g(i)) AS s
  LEFT JOIN "agg0" AS x ON x."k0" = s.d
  WHERE x."k0" IS NULL
), "agg2_in" AS (
WITH "o2_agg0" AS (
  SELECT "t0"."ordered_on" AS "k0", sum("t0"."amount") AS "a0"
  FROM (SELECT "ordered_on" AS "ordered_on", "amount" AS "amount" FROM "orders") AS "t0"
  WHERE "t0"."ordered_on" >= CAST($4 AS DATE) AND "t0"."ordered_on" < CAST($5 AS DATE)
  GROUP BY 1
), "o2_agg1" AS (
  SELECT s.d AS "k0"
  FROM (SELECT CAST(CAST($6 AS TIMESTAMP) + g.i * INTERVAL '1 day' AS DATE) AS d FROM generate_series(0, 30) AS g(i)) AS s
  LEFT JOIN "o2_agg0" AS x ON x."k0" = s.d
  WHERE x."k0" IS NULL
), "merged" AS (
  SELECT coalesce("o2_agg0"."k0", "o2_agg1"."k0") AS "k0", max("o2_agg0"."a0") AS "a0"
  FROM "o2_agg0" FULL JOIN "o2_agg1" ON FALSE
  GROUP BY 1
)
SELECT "k0" AS "metric_time__day", coalesce("a0", 0) AS "v"
FROM "merged"
), "agg2" AS (
  SELECT s.d AS "k0", x."v" AS "a1"
  FROM (SELECT CAST(CAST($7 AS TIMESTAMP) + g.i * INTERVAL '1 day' AS DATE) AS d FROM generate_series(0, 30) AS g(i)) AS s
  JOIN "agg2_in" AS x ON x."metric_time__day" = CAST(date_trunc('day', CAST(CAST(date_trunc('month', CAST(s.d AS TIMESTAMP)) AS DATE) AS TIMESTAMP)) AS DATE)
), "merged" AS (
  SELECT coalesce("agg0"."k0", "agg1"."k0", "agg2"."k0") AS "k0", max("agg0"."a0") AS "a0", max("agg2"."a1") AS "a1"
  FROM "agg0" FULL JOIN "agg1" ON FALSE FULL JOIN "agg2" ON FALSE
  GROUP BY 1
)
SELECT "k0" AS "metric_time__day", (coalesce("a0", 0) - coalesce("a1", 0)) AS "revenue_vs_month_start"
FROM "merged"
ORDER BY "metric_time__day" NULLS LAST
-- $1 = "2024-03-01"
-- $2 = "2024-04-01"
-- $3 = "2024-03-01"
-- $4 = "2024-03-01"
-- $5 = "2024-04-01"
-- $6 = "2024-03-01"
-- $7 = "2024-03-01"
-- column metric_time__day dimension date
-- column revenue_vs_month_start metric decimal
