WITH days AS (SELECT CAST(d AS DATE) AS d FROM generate_series(TIMESTAMP '2024-03-25', TIMESTAMP '2024-04-07', INTERVAL '1 day') AS g(d)),
daily AS (SELECT d, CAST(date_trunc('week', d) AS DATE) AS w,
  (SELECT coalesce(sum(amount), 0) FROM orders WHERE ordered_on <= d AND ordered_on > d - 2) AS v FROM days)
SELECT w, CAST(avg(v) AS DOUBLE PRECISION) FROM daily GROUP BY w ORDER BY w
