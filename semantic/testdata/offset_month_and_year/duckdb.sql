WITH "agg0" AS (
  SELECT CAST(date_trunc('month', CAST("t0"."ordered_on" AS TIMESTAMP)) AS DATE) AS "k0", sum("t0"."amount") AS "a0"
  FROM (SELECT "ordered_on" AS "ordered_on", "amount" AS "amount" FROM "orders") AS "t0"
  WHERE "t0"."ordered_on" >= CAST($1 AS DATE) AND "t0"."ordered_on" < CAST($2 AS DATE)
  GROUP BY 1
), "agg1" AS (
  SELECT s.d AS "k0"
  FROM (SELECT CAST(CAST($3 AS TIMESTAMP) + g.i * INTERVAL '1 month' AS DATE) AS d FROM generate_series(0, 4) AS g(i)) AS s
  LEFT JOIN "agg0" AS x ON x."k0" = s.d
  WHERE x."k0" IS NULL
), "agg2_in" AS (
WITH "o2_agg0" AS (
  SELECT CAST(date_trunc('month', CAST("t0"."ordered_on" AS TIMESTAMP)) AS DATE) AS "k0", sum("t0"."amount") AS "a0"
  FROM (SELECT "ordered_on" AS "ordered_on", "amount" AS "amount" FROM "orders") AS "t0"
  WHERE "t0"."ordered_on" >= CAST($4 AS DATE) AND "t0"."ordered_on" < CAST($5 AS DATE)
  GROUP BY 1
), "o2_agg1" AS (
  SELECT s.d AS "k0"
  FROM (SELECT CAST(CAST($6 AS TIMESTAMP) + g.i * INTERVAL '1 month' AS DATE) AS d FROM generate_series(0, 5) AS g(i)) AS s
  LEFT JOIN "o2_agg0" AS x ON x."k0" = s.d
  WHERE x."k0" IS NULL
), "merged" AS (
  SELECT "k0", max("a0") AS "a0"
  FROM (SELECT "k0", "a0" FROM "o2_agg0"
    UNION ALL BY NAME SELECT "k0" FROM "o2_agg1") AS "stacked"
  GROUP BY 1
)
SELECT "k0" AS "metric_time__month", coalesce("a0", 0) AS "v"
FROM "merged"
), "agg2" AS (
  SELECT s.d AS "k0", x."v" AS "a1"
  FROM (SELECT CAST(g.d AS DATE) AS d FROM (SELECT unnest(generate_series(CAST($7 AS TIMESTAMP), CAST($8 AS TIMESTAMP), INTERVAL '1 month')) AS d) AS g) AS s
  JOIN "agg2_in" AS x ON x."metric_time__month" = CAST(date_trunc('month', (CAST(s.d AS TIMESTAMP) - INTERVAL '1 months')) AS DATE)
), "agg3_in" AS (
WITH "o3_agg0" AS (
  SELECT CAST(date_trunc('month', CAST("t0"."ordered_on" AS TIMESTAMP)) AS DATE) AS "k0", sum("t0"."amount") AS "a0"
  FROM (SELECT "ordered_on" AS "ordered_on", "amount" AS "amount" FROM "orders") AS "t0"
  WHERE "t0"."ordered_on" >= CAST($9 AS DATE) AND "t0"."ordered_on" < CAST($10 AS DATE)
  GROUP BY 1
), "o3_agg1" AS (
  SELECT s.d AS "k0"
  FROM (SELECT CAST(CAST($11 AS TIMESTAMP) + g.i * INTERVAL '1 month' AS DATE) AS d FROM generate_series(0, 16) AS g(i)) AS s
  LEFT JOIN "o3_agg0" AS x ON x."k0" = s.d
  WHERE x."k0" IS NULL
), "merged" AS (
  SELECT "k0", max("a0") AS "a0"
  FROM (SELECT "k0", "a0" FROM "o3_agg0"
    UNION ALL BY NAME SELECT "k0" FROM "o3_agg1") AS "stacked"
  GROUP BY 1
)
SELECT "k0" AS "metric_time__month", coalesce("a0", 0) AS "v"
FROM "merged"
), "agg3" AS (
  SELECT s.d AS "k0", x."v" AS "a2"
  FROM (SELECT CAST(g.d AS DATE) AS d FROM (SELECT unnest(generate_series(CAST($12 AS TIMESTAMP), CAST($13 AS TIMESTAMP), INTERVAL '1 month')) AS d) AS g) AS s
  JOIN "agg3_in" AS x ON x."metric_time__month" = CAST(date_trunc('month', (CAST(s.d AS TIMESTAMP) - INTERVAL '1 years')) AS DATE)
), "merged" AS (
  SELECT "k0", max("a0") AS "a0", max("a1") AS "a1", max("a2") AS "a2"
  FROM (SELECT "k0", "a0" FROM "agg0"
    UNION ALL BY NAME SELECT "k0" FROM "agg1"
    UNION ALL BY NAME SELECT "k0", "a1" FROM "agg2"
    UNION ALL BY NAME SELECT "k0", "a2" FROM "agg3") AS "stacked"
  GROUP BY 1
)
SELECT "k0" AS "metric_time__month", coalesce("a0", 0) AS "revenue", coalesce("a1", 0) AS "revenue_prev_month", (CAST((coalesce("a0", 0) - coalesce("a2", 0)) AS DOUBLE PRECISION) / NULLIF(coalesce("a2", 0), 0)) AS "revenue_yoy"
FROM "merged"
ORDER BY "metric_time__month" NULLS LAST
-- $1 = "2024-01-01"
-- $2 = "2024-06-01"
-- $3 = "2024-01-01"
-- $4 = "2023-12-01"
-- $5 = "2024-06-01"
-- $6 = "2023-12-01"
-- $7 = "2024-01-01"
-- $8 = "2024-05-01"
-- $9 = "2023-01-01"
-- $10 = "2024-06-01"
-- $11 = "2023-01-01"
-- $12 = "2024-01-01"
-- $13 = "2024-05-01"
-- column metric_time__month dimension date
-- column revenue metric decimal
-- column revenue_prev_month metric decimal
-- column revenue_yoy metric float
