SELECT count(i.id) FROM invoices i JOIN fx_rates f ON f.currency = i.currency AND f.rate_date = i.invoiced_on
WHERE f.currency <> 'USD'
