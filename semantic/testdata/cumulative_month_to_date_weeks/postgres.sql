WITH "agg0_in" AS (
WITH "c0_agg0" AS (
  SELECT "t0"."ordered_on" AS "k0", sum("t0"."amount") AS "a0"
  FROM (SELECT "ordered_on" AS "ordered_on", "amount" AS "amount" FROM "orders") AS "t0"
  WHERE "t0"."ordered_on" < CAST($1 AS DATE)
  GROUP BY 1
)
SELECT "k0" AS "metric_time__day", "a0" AS "v"
FROM "c0_agg0"
), "agg0" AS (
  SELECT c.b AS "k0", c.v AS "a0"
  FROM (SELECT s.d AS d, CAST(date_trunc('week', CAST(s.d AS TIMESTAMP) + INTERVAL '1 days') - INTERVAL '1 days' AS DATE) AS b, coalesce(sum(x.v), 0) AS v,
      row_number() OVER (PARTITION BY CAST(date_trunc('week', CAST(s.d AS TIMESTAMP) + INTERVAL '1 days') - INTERVAL '1 days' AS DATE) ORDER BY s.d DESC) AS rn
    FROM (SELECT CAST(CAST($2 AS TIMESTAMP) + g.i * INTERVAL '1 day' AS DATE) AS d FROM generate_series(0, 55) AS g(i)) AS s
    LEFT JOIN "agg0_in" AS x ON x."metric_time__day" <= s.d AND x."metric_time__day" >= CAST(date_trunc('month', CAST(s.d AS TIMESTAMP)) AS DATE)
    GROUP BY s.d) AS c
  WHERE c.rn = 1
), "agg1_in" AS (
WITH "c1_agg0" AS (
  SELECT "t0"."ordered_on" AS "k0", sum("t0"."amount") AS "a0"
  FROM (SELECT "ordered_on" AS "ordered_on", "amount" AS "amount" FROM "orders") AS "t0"
  WHERE "t0"."ordered_on" < CAST($3 AS DATE)
  GROUP BY 1
)
SELECT "k0" AS "metric_time__day", "a0" AS "v"
FROM "c1_agg0"
), "agg1" AS (
  SELECT c.b AS "k0", c.v AS "a1"
  FROM (SELECT s.d AS d, CAST(date_trunc('week', CAST(s.d AS TIMESTAMP) + INTERVAL '1 days') - INTERVAL '1 days' AS DATE) AS b, coalesce(sum(x.v), 0) AS v,
      row_number() OVER (PARTITION BY CAST(date_trunc('week', CAST(s.d AS TIMESTAMP) + INTERVAL '1 days') - INTERVAL '1 days' AS DATE) ORDER BY s.d) AS rn
    FROM (SELECT CAST(CAST($4 AS TIMESTAMP) + g.i * INTERVAL '1 day' AS DATE) AS d FROM generate_series(0, 55) AS g(i)) AS s
    LEFT JOIN "agg1_in" AS x ON x."metric_time__day" <= s.d
    GROUP BY s.d) AS c
  WHERE c.rn = 1
), "merged" AS (
  SELECT coalesce("agg0"."k0", "agg1"."k0") AS "k0", max("agg0"."a0") AS "a0", max("agg1"."a1") AS "a1"
  FROM "agg0" FULL JOIN "agg1" ON FALSE
  GROUP BY 1
)
SELECT "k0" AS "metric_time__week", "a0" AS "revenue_mtd", coalesce("a1", 0) AS "revenue_all_time"
FROM "merged"
ORDER BY "metric_time__week" NULLS LAST
-- $1 = "2024-03-11"
-- $2 = "2024-01-15"
-- $3 = "2024-03-11"
-- $4 = "2024-01-15"
-- column metric_time__week dimension date
-- column revenue_mtd metric decimal
-- column revenue_all_time metric decimal
