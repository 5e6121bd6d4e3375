WITH "agg0" AS (
  SELECT CAST(date_trunc('month', CAST("t0"."closed_on" AS TIMESTAMP)) AS DATE) AS "k0", count(DISTINCT "t0"."rep_id") AS "a0", percentile_cont(0.5) WITHIN GROUP (ORDER BY "t0"."amount") AS "a1", percentile_cont(0.9) WITHIN GROUP (ORDER BY "t0"."amount") AS "a2", sum(CASE WHEN "t0"."won_count" THEN 1 ELSE 0 END) AS "a3", max(CASE WHEN ("t0"."stage" = $1) THEN "t0"."amount" END) AS "a4", min("t0"."amount") AS "a5", count(CASE WHEN ("t0"."amount" >= $2) THEN "t0"."id" END) AS "a6", count(CASE WHEN ("t0"."amount" >= $3) AND ("t0"."stage" = $4) THEN "t0"."id" END) AS "a7", count("t0"."id") AS "a8"
  FROM (SELECT "closed_on" AS "closed_on", "rep_id" AS "rep_id", "amount" AS "amount", stage = 'won' AS "won_count", "stage" AS "stage", "id" AS "id" FROM "deals") AS "t0"
  GROUP BY 1
)
SELECT "k0" AS "metric_time__month", coalesce("a0", 0) AS "reps_closing", "a1" AS "median_amount", "a2" AS "p90_amount", "a3" AS "won_deals", "a4" AS "largest_won", "a5" AS "smallest", coalesce("a6", 0) AS "big_deals", (CAST(coalesce("a7", 0) AS DOUBLE PRECISION) / NULLIF(coalesce("a6", 0), 0)) AS "win_rate_of_big", (CAST((100 * coalesce("a6", 0)) AS DOUBLE PRECISION) / NULLIF(coalesce("a8", 0), 0)) AS "big_share"
FROM "agg0"
ORDER BY "metric_time__month" NULLS LAST
-- $1 = "won"
-- $2 = 100
-- $3 = 100
-- $4 = "won"
-- column metric_time__month dimension date
-- column reps_closing metric integer
-- column median_amount metric float
-- column p90_amount metric float
-- column won_deals metric integer
-- column largest_won metric decimal
-- column smallest metric decimal
-- column big_deals metric integer
-- column win_rate_of_big metric float
-- column big_share metric float
