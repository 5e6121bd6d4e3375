SELECT sum(amount), count(id) FROM events
WHERE CAST((occurred_at_utc AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin' AS DATE) = DATE '2024-03-31'
