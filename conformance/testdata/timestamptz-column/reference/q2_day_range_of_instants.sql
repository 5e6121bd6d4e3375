SELECT sum(amount) FROM orders WHERE CAST(placed_at AT TIME ZONE 'America/New_York' AS DATE) = DATE '2024-03-31'
