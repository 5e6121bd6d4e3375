SELECT date_trunc('month', (ordered_at_utc AT TIME ZONE 'UTC') AT TIME ZONE 'America/New_York')::date::text, sum(amount)
FROM orders GROUP BY 1 ORDER BY 1
