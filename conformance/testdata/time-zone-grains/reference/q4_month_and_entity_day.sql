WITH o AS (SELECT (ordered_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin' AS local_at, amount FROM orders)
SELECT CAST(date_trunc('month', local_at) AS DATE), CAST(local_at AS DATE), sum(amount) FROM o GROUP BY 1, 2 ORDER BY 2
