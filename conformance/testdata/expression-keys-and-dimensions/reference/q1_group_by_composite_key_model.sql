SELECT f.currency, count(i.id) FROM invoices i
LEFT JOIN fx_rates f ON f.currency = i.currency AND f.rate_date = i.invoiced_on
GROUP BY f.currency ORDER BY f.currency
