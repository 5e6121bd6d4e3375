SELECT CAST(date_trunc('week', ordered_on + 1) AS DATE) - 1, sum(amount) FROM orders GROUP BY 1 ORDER BY 1
