WITH "agg0" AS (
  SELECT date_trunc('hour', (to_timestamp(extract(epoch FROM "t0"."created_at")) AT TIME ZONE $1)) AS "k0", count("t0"."id") AS "a0"
  FROM (SELECT "created_at" AS "created_at", "id" AS "id" FROM "leads") AS "t0"
  WHERE to_timestamp(extract(epoch FROM "t0"."created_at")) >= CAST($2 AS TIMESTAMPTZ) AND to_timestamp(extract(epoch FROM "t0"."created_at")) < CAST($3 AS TIMESTAMPTZ)
  GROUP BY 1
)
SELECT "k0" AS "metric_time__hour", coalesce(coalesce("a0", 0), 0) AS "leads_filled"
FROM "agg0"
ORDER BY "metric_time__hour" NULLS LAST
-- $1 = "Europe/Berlin"
-- $2 = "2024-03-30 23:00:00+00"
-- $3 = "2024-03-31 22:00:00+00"
-- column metric_time__hour dimension timestamp
-- column leads_filled metric integer
