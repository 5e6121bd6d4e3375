SELECT CAST(date_trunc('quarter', ordered_on - INTERVAL '1 month') + INTERVAL '1 month' AS DATE), sum(amount)
FROM orders GROUP BY 1 ORDER BY 1
