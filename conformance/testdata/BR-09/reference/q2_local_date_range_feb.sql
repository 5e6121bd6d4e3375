SELECT sum(amount) FROM orders
WHERE (ordered_at_utc AT TIME ZONE 'UTC') AT TIME ZONE 'America/New_York' >= TIMESTAMP '2024-02-01 00:00:00'
  AND (ordered_at_utc AT TIME ZONE 'UTC') AT TIME ZONE 'America/New_York' <  TIMESTAMP '2024-03-01 00:00:00'
