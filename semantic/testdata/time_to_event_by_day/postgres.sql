WITH "agg0" AS (
  SELECT CAST(date_trunc('day', (to_timestamp(extract(epoch FROM "t0"."created_at")) AT TIME ZONE $1)) AS DATE) AS "k0", percentile_cont(0.5) WITHIN GROUP (ORDER BY (CAST(extract(epoch FROM "t1"."earliest_occurred_at") AS DOUBLE PRECISION) - CAST(extract(epoch FROM "t0"."created_at") AS DOUBLE PRECISION))) AS "a0", percentile_cont(0.90) WITHIN GROUP (ORDER BY (CAST(extract(epoch FROM "t1"."earliest_occurred_at") AS DOUBLE PRECISION) - CAST(extract(epoch FROM "t0"."created_at") AS DOUBLE PRECISION))) AS "a1", (CAST(sum(CASE WHEN (CAST(extract(epoch FROM "t1"."earliest_occurred_at") AS DOUBLE PRECISION) - CAST(extract(epoch FROM "t0"."created_at") AS DOUBLE PRECISION)) <= 300 THEN 1 ELSE 0 END) AS DOUBLE PRECISION) / NULLIF(sum(1), 0)) AS "a2"
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
