WITH p AS (SELECT CAST((paid_at_utc AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin' AS DATE) AS d, amount FROM payments),
days AS (SELECT CAST(d AS DATE) AS d FROM generate_series(TIMESTAMP '2024-03-29', TIMESTAMP '2024-04-02', INTERVAL '1 day') AS g(d))
SELECT days.d,
  (SELECT coalesce(sum(amount), 0) FROM p WHERE p.d = days.d),
  (SELECT coalesce(sum(amount), 0) FROM p WHERE p.d <= days.d AND p.d > days.d - 3),
  (SELECT coalesce(sum(amount), 0) FROM p WHERE p.d = days.d - 1)
FROM days ORDER BY days.d
