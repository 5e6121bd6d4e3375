SELECT CAST(date_trunc('week', ordered_on + 1) AS DATE) - 1, sum(amount)
FROM orders WHERE ordered_on BETWEEN DATE '2025-12-28' AND DATE '2026-01-03' GROUP BY 1
