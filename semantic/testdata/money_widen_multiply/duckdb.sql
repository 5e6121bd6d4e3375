WITH "agg0" AS (
  SELECT max("t0"."amount") AS "a0"
  FROM (SELECT "amount" AS "amount" FROM "invoices") AS "t0"
), "agg1" AS (
  SELECT max("t0"."usd_per_unit") AS "a1"
  FROM (SELECT "usd_per_unit" AS "usd_per_unit" FROM "fx_rates") AS "t0"
), "merged" AS (
  SELECT max("agg0"."a0") AS "a0", max("agg1"."a1") AS "a1"
  FROM "agg0" FULL JOIN "agg1" ON FALSE
)
SELECT "a0" AS "max_amount", "a1" AS "max_rate", (("a0" + CAST(0 AS DECIMAL(38, 0))) * "a1") AS "largest_amount_at_largest_rate"
FROM "merged"
-- column max_amount metric decimal
-- column max_rate metric decimal
-- column largest_amount_at_largest_rate metric decimal
