WITH "agg0" AS (
  SELECT max("t0"."amount") AS "a0"
  FROM (SELECT "amount" AS "amount" FROM "invoices") AS "t0"
), "agg1" AS (
  SELECT max("t0"."usd_per_unit") AS "a1"
  FROM (SELECT "usd_per_unit" AS "usd_per_unit" FROM "fx_rates") AS "t0"
), "merged" AS (
  SELECT max("a0") AS "a0", max("a1") AS "a1"
  FROM (SELECT "a0" FROM "agg0"
    UNION ALL BY NAME SELECT "a1" FROM "agg1") AS "stacked"
)
SELECT "a0" AS "max_amount", "a1" AS "max_rate", (("a0" + CAST(0 AS DECIMAL(38, 0))) * "a1") AS "largest_amount_at_largest_rate"
FROM "merged"
-- column max_amount metric decimal
-- column max_rate metric decimal
-- column largest_amount_at_largest_rate metric decimal
