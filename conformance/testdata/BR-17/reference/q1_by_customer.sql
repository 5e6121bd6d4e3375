SELECT i.customer, sum(i.amount::numeric(38,2) * f.usd_per_unit)::numeric(20,2)::text, sum(i.cost::numeric(38,2) * f.usd_per_unit)::numeric(20,2)::text,
       (sum(i.amount::numeric(38,2) * f.usd_per_unit) - sum(i.cost::numeric(38,2) * f.usd_per_unit))::numeric(20,2)::text,
       round((sum(i.amount::numeric(38,2) * f.usd_per_unit) - sum(i.cost::numeric(38,2) * f.usd_per_unit)) / sum(i.amount::numeric(38,2) * f.usd_per_unit), 6)
FROM invoices i JOIN fx_rates f ON f.currency = i.currency AND f.rate_date = i.invoiced_on GROUP BY i.customer ORDER BY i.customer
