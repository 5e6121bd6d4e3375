WITH "agg0" AS (
  SELECT date_trunc('hour', timezone($1, (TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(epoch_us("t0"."created_at"))))) AS "k0", count("t0"."id") AS "a0"
  FROM (SELECT "created_at" AS "created_at", "id" AS "id" FROM "leads") AS "t0"
  WHERE (TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(epoch_us("t0"."created_at"))) >= CAST($2 AS TIMESTAMPTZ) AND (TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(epoch_us("t0"."created_at"))) < CAST($3 AS TIMESTAMPTZ)
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
