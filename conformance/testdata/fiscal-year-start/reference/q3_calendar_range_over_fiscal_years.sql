SELECT CAST(date_trunc('year', ordered_on - INTERVAL '3 months') + INTERVAL '3 months' AS DATE), sum(amount)
FROM orders WHERE ordered_on BETWEEN DATE '2024-01-01' AND DATE '2024-12-31' GROUP BY 1 ORDER BY 1
