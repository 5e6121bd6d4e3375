SELECT sum(i.amount::numeric(38,2) * f.usd_per_unit)::numeric(20,2)::text FROM invoices i JOIN fx_rates f ON f.currency = i.currency AND f.rate_date = i.invoiced_on
