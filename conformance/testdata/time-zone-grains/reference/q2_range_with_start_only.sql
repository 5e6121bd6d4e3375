SELECT count(id) FROM orders WHERE (ordered_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin' >= TIMESTAMP '2024-04-01 00:00:00'
