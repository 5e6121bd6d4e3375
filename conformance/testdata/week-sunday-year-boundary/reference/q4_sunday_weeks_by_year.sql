SELECT CAST(date_trunc('year', ordered_on) AS DATE), CAST(date_trunc('week', ordered_on + 1) AS DATE) - 1, sum(amount)
FROM orders WHERE ordered_on BETWEEN DATE '2022-12-25' AND DATE '2023-01-07' GROUP BY 1, 2 ORDER BY 2
