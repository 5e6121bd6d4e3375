WITH "agg0" AS (
  SELECT "t0"."ordered_on" AS "k0", sum("t0"."amount") AS "a0"
  FROM (SELECT "ordered_on" AS "ordered_on", "amount" AS "amount" FROM "orders") AS "t0"
  GROUP BY 1
), "agg1_in" AS (
WITH "c1_agg0" AS (
  SELECT "t0"."ordered_on" AS "k0", sum("t0"."amount") AS "a0"
  FROM (SELECT "ordered_on" AS "ordered_on", "amount" AS "amount" FROM "orders") AS "t0"
  GROUP BY 1
)
SELECT "k0" AS "metric_time__day", "a0" AS "v"
FROM "c1_agg0"
), "agg1" AS (
  SELECT c.b AS "k0", c.v AS "a1"
  FROM (SELECT s.d AS d, CAST(date_trunc('day', CAST(s.d AS TIMESTAMP)) AS DATE) AS b, coalesce(sum(x.v), 0) AS v,
      row_number() OVER (PARTITION BY CAST(date_trunc('day', CAST(s.d AS TIMESTAMP)) AS DATE) ORDER BY s.d DESC) AS rn
    FROM (SELECT CAST(g.d AS DATE) AS d FROM (SELECT unnest(generate_series(CAST((SELECT min("metric_time__day") FROM "agg1_in") AS TIMESTAMP), CAST((SELECT max("metric_time__day") FROM "agg1_in") AS TIMESTAMP), INTERVAL '1 day')) AS d) AS g) AS s
    LEFT JOIN "agg1_in" AS x ON x."metric_time__day" <= s.d AND x."metric_time__day" > CAST(s.d AS TIMESTAMP) - INTERVAL '7 days'
    GROUP BY s.d) AS c
  WHERE c.rn = 1
), "agg2_in" AS (
WITH "o2_agg0" AS (
  SELECT "t0"."ordered_on" AS "k0", sum("t0"."amount") AS "a0"
  FROM (SELECT "ordered_on" AS "ordered_on", "amount" AS "amount" FROM "orders") AS "t0"
  GROUP BY 1
)
SELECT "k0" AS "metric_time__day", "a0" AS "v"
FROM "o2_agg0"
), "agg2" AS (
  SELECT s.d AS "k0", x."v" AS "a2"
  FROM (SELECT CAST(g.d AS DATE) AS d FROM (SELECT unnest(generate_series((CAST((SELECT min("metric_time__day") FROM "agg2_in") AS TIMESTAMP) + INTERVAL '1 months'), (CAST((SELECT max("metric_time__day") FROM "agg2_in") AS TIMESTAMP) + INTERVAL '1 months'), INTERVAL '1 day')) AS d) AS g) AS s
  JOIN "agg2_in" AS x ON x."metric_time__day" = CAST(date_trunc('day', (CAST(s.d AS TIMESTAMP) - INTERVAL '1 months')) AS DATE)
), "merged" AS (
  SELECT "k0", max("a0") AS "a0", max("a1") AS "a1", max("a2") AS "a2"
  FROM (SELECT "k0", "a0" FROM "agg0"
    UNION ALL BY NAME SELECT "k0", "a1" FROM "agg1"
    UNION ALL BY NAME SELECT "k0", "a2" FROM "agg2") AS "stacked"
  GROUP BY 1
)
SELECT "k0" AS "metric_time__day", "a0" AS "revenue", "a1" AS "revenue_7d", "a2" AS "revenue_prev_month"
FROM "merged"
ORDER BY "metric_time__day" NULLS LAST
-- column metric_time__day dimension date
-- column revenue metric decimal
-- column revenue_7d metric decimal
-- column revenue_prev_month metric decimal
