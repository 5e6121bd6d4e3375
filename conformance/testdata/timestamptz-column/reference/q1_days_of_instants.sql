SELECT CAST(placed_at AT TIME ZONE 'America/New_York' AS DATE), sum(amount) FROM orders GROUP BY 1 ORDER BY 1
