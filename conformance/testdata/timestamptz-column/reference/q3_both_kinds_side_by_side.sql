SELECT date_trunc('hour', placed_at AT TIME ZONE 'Europe/Berlin'),
       date_trunc('hour', (shipped_at_utc AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin'),
       sum(amount)
FROM orders GROUP BY 1, 2 ORDER BY 1
