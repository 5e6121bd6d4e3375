WITH "agg0" AS (
  SELECT "t0"."channel" AS "k0", CAST(date_trunc('month', timezone($1, (TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(epoch_us("t0"."created_at"))))) AS DATE) AS "k1", count(CASE WHEN EXISTS (SELECT 1 FROM (SELECT "lead_id" AS "lead_id", "closed_at" AS "closed_at", "channel" AS "channel", "status" AS "status" FROM "deals") AS "t1"
    WHERE "t1"."lead_id" = "t0"."id" AND "t1"."closed_at" >= "t0"."created_at" AND "t1"."closed_at" <= "t0"."created_at" + INTERVAL '90 days' AND "t1"."channel" = "t0"."channel" AND ("t1"."status" = $2)) THEN "t0"."id" END) AS "a0", count(CASE WHEN EXISTS (SELECT 1 FROM (SELECT "lead_id" AS "lead_id", "closed_at" AS "closed_at", "status" AS "status" FROM "deals") AS "t2"
    WHERE "t2"."lead_id" = "t0"."id" AND "t2"."closed_at" >= "t0"."created_at" AND "t2"."closed_at" <= "t0"."created_at" + INTERVAL '90 days' AND ("t2"."status" = $3)) THEN "t0"."id" END) AS "a1", count("t0"."id") AS "a2"
  FROM (SELECT "channel" AS "channel", "created_at" AS "created_at", "id" AS "id" FROM "leads") AS "t0"
  WHERE (TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(epoch_us("t0"."created_at"))) >= CAST($4 AS TIMESTAMPTZ) AND (TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(epoch_us("t0"."created_at"))) < CAST($5 AS TIMESTAMPTZ)
  GROUP BY 1, 2
)
SELECT "k0" AS "lead__channel", "k1" AS "metric_time__month", coalesce("a0", 0) AS "leads_won_90d", (CAST(coalesce("a1", 0) AS DOUBLE PRECISION) / NULLIF(coalesce("a2", 0), 0)) AS "lead_win_rate_90d"
FROM "agg0"
ORDER BY "lead__channel" NULLS LAST, "metric_time__month" NULLS LAST
-- $1 = "Europe/Berlin"
-- $2 = "won"
-- $3 = "won"
-- $4 = "2023-12-31 23:00:00+00"
-- $5 = "2024-03-31 22:00:00+00"
-- column lead__channel dimension string
-- column metric_time__month dimension date
-- column leads_won_90d metric integer
-- column lead_win_rate_90d metric float
