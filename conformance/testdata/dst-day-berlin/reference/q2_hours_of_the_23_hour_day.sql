WITH e AS (SELECT (occurred_at_utc AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin' AS local_at, amount FROM events)
SELECT date_trunc('hour', local_at), sum(amount)
FROM e
WHERE local_at >= TIMESTAMP '2024-03-31 00:00:00' AND local_at < TIMESTAMP '2024-04-01 00:00:00'
GROUP BY 1 ORDER BY 1
