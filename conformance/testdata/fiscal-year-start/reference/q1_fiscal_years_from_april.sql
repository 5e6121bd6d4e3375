SELECT CAST(date_trunc('year', ordered_on - INTERVAL '3 months') + INTERVAL '3 months' AS DATE), sum(amount)
FROM orders GROUP BY 1 ORDER BY 1
