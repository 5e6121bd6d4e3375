SELECT CAST(date_trunc('week', (ordered_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin') AS DATE), count(id)
FROM orders GROUP BY 1 ORDER BY 1
