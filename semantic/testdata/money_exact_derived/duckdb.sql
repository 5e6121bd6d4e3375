WITH "agg0" AS (
  SELECT "t0"."customer" AS "k0", sum("t0"."amount_usd") AS "a0", sum("t0"."cost_usd") AS "a1"
  FROM (SELECT "customer" AS "customer", "amount_usd" AS "amount_usd", "cost_usd" AS "cost_usd" FROM (SELECT i.id, i.customer, i.invoiced_on,
       CAST(i.amount AS DECIMAL(38, 2)) * f.usd_per_unit AS amount_usd,
       CAST(i.cost AS DECIMAL(38, 2)) * f.usd_per_unit AS cost_usd
FROM invoices i JOIN fx_rates f ON f.currency = i.currency AND f.rate_date = i.invoiced_on) AS "src") AS "t0"
  GROUP BY 1
)
SELECT "k0" AS "invoice__customer", "a0" AS "revenue_usd", "a1" AS "cost_usd", ("a0" - "a1") AS "margin_usd", (CAST(("a0" - "a1") AS DOUBLE PRECISION) / NULLIF("a0", 0)) AS "margin_pct"
FROM "agg0"
ORDER BY "invoice__customer" NULLS LAST
-- column invoice__customer dimension string
-- column revenue_usd metric decimal
-- column cost_usd metric decimal
-- column margin_usd metric decimal
-- column margin_pct metric float
