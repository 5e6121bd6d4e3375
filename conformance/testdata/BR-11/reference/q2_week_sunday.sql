SELECT (date_trunc('week', ordered_on + 1)::date - 1)::text, sum(amount) FROM orders GROUP BY 1 ORDER BY 1
