WITH e AS (SELECT (occurred_at_utc AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin' AS local_at, amount, id FROM events)
SELECT CAST(date_trunc('day', local_at) AS DATE), sum(amount), count(id)
FROM e
WHERE local_at >= TIMESTAMP '2024-03-30 00:00:00' AND local_at < TIMESTAMP '2024-04-02 00:00:00'
GROUP BY 1 ORDER BY 1
