SELECT sum(amount), count(id) FROM events
WHERE (occurred_at_utc AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin' >= TIMESTAMP '2024-03-31 03:00:00'
  AND (occurred_at_utc AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin' < TIMESTAMP '2024-03-31 23:59:00'
