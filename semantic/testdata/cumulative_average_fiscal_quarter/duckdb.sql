WITH "agg0_in" AS (
WITH "c0_agg0" AS (
  SELECT "t0"."region" AS "k0", "t0"."ordered_on" AS "k1", sum("t0"."amount") AS "a0"
  FROM (SELECT "region" AS "region", "ordered_on" AS "ordered_on", "amount" AS "amount" FROM "orders") AS "t0"
  WHERE "t0"."ordered_on" < CAST($1 AS DATE)
  GROUP BY 1, 2
)
SELECT "k0" AS "order__region", "k1" AS "metric_time__day", "a0" AS "v"
FROM "c0_agg0"
), "agg0" AS (
  SELECT c.b AS "k0", c."order__region" AS "k1", avg(c.v) AS "a0"
  FROM (SELECT s.d AS d, CAST(date_trunc('quarter', CAST(s.d AS TIMESTAMP) - INTERVAL '3 months') + INTERVAL '3 months' AS DATE) AS b, kv."order__region" AS "order__region", coalesce(sum(x.v), 0) AS v
    FROM (SELECT CAST(CAST($2 AS TIMESTAMP) + g.i * INTERVAL '1 day' AS DATE) AS d FROM generate_series(0, 365) AS g(i)) AS s
    CROSS JOIN (SELECT DISTINCT "order__region" FROM "agg0_in") AS kv
    LEFT JOIN "agg0_in" AS x ON x."metric_time__day" <= s.d AND x."order__region" IS NOT DISTINCT FROM kv."order__region" AND x."metric_time__day" > CAST(s.d AS TIMESTAMP) - INTERVAL '30 days'
    GROUP BY s.d, kv."order__region") AS c
  GROUP BY 1, 2
)
SELECT "k0" AS "metric_time__quarter", "k1" AS "order__region", "a0" AS "revenue_30d_avg"
FROM "agg0"
ORDER BY "metric_time__quarter" NULLS LAST, "order__region" NULLS LAST
-- $1 = "2025-01-01"
-- $2 = "2024-01-01"
-- column metric_time__quarter dimension date
-- column order__region dimension string
-- column revenue_30d_avg metric float
