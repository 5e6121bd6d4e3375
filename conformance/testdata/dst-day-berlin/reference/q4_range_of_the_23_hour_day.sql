SELECT sum(amount), count(id) FROM events
WHERE occurred_at_utc >= TIMESTAMP '2024-03-30 23:00:00' AND occurred_at_utc < TIMESTAMP '2024-03-31 22:00:00'
