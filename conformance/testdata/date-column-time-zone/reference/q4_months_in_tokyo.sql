SELECT CAST(date_trunc('month', ordered_on) AS DATE), sum(amount) FROM orders GROUP BY 1 ORDER BY 1
