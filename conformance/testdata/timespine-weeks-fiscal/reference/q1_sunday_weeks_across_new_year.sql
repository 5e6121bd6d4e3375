WITH weeks AS (SELECT CAST(w AS DATE) AS w FROM generate_series(TIMESTAMP '2023-12-24', TIMESTAMP '2024-01-14', INTERVAL '7 days') AS g(w))
SELECT w,
  (SELECT coalesce(sum(amount), 0) FROM orders WHERE ordered_on >= w AND ordered_on < w + 7),
  (SELECT coalesce(sum(amount), 0) FROM orders WHERE ordered_on <= w + 6 AND ordered_on >= CAST(date_trunc('month', w + 6) AS DATE)),
  (SELECT coalesce(sum(amount), 0) FROM orders WHERE ordered_on <= w)
FROM weeks ORDER BY w
