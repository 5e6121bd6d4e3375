SELECT date_trunc('week', ordered_on)::date::text, sum(amount) FROM orders GROUP BY 1 ORDER BY 1
