WITH "agg0" AS (
  SELECT CAST(date_trunc('day', timezone($1, (TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(epoch_us("t0"."created_at"))))) AS DATE) AS "k0", quantile_cont((CAST(extract(epoch FROM "t1"."earliest_occurred_at") AS DOUBLE PRECISION) - CAST(extract(epoch FROM "t0"."created_at") AS DOUBLE PRECISION)), 0.5) AS "a0", quantile_cont((CAST(extract(epoch FROM "t1"."earliest_occurred_at") AS DOUBLE PRECISION) - CAST(extract(epoch FROM "t0"."created_at") AS DOUBLE PRECISION)), 0.90) AS "a1", (CAST(sum(CASE WHEN (CAST(extract(epoch FROM "t1"."earliest_occurred_at") AS DOUBLE PRECISION) - CAST(extract(epoch FROM "t0"."created_at") AS DOUBLE PRECISION)) <= 300 THEN 1 ELSE 0 END) AS DOUBLE PRECISION) / NULLIF(sum(1), 0)) AS "a2"
  FROM (SELECT "created_at" AS "created_at", "channel" AS "channel", "id" AS "id" FROM "leads") AS "t0"
  LEFT JOIN (SELECT "lead_id" AS "lead", min("occurred_at") AS "earliest_occurred_at" FROM "activities" GROUP BY 1) AS "t1" ON "t1"."lead" = "t0"."id"
  WHERE ("t0"."channel" = $2)
  GROUP BY 1
)
SELECT "k0" AS "metric_time__day", "a0" AS "first_contact_median", "a1" AS "first_contact_p90", "a2" AS "contacted_within_5m"
FROM "agg0"
ORDER BY "metric_time__day" NULLS LAST
-- $1 = "Europe/Berlin"
-- $2 = "paid"
-- column metric_time__day dimension date
-- column first_contact_median metric float
-- column first_contact_p90 metric float
-- column contacted_within_5m metric float
