WITH spine AS (SELECT CAST(d AS DATE) AS d FROM generate_series(DATE '2024-01-29', DATE '2024-02-03', INTERVAL '1 day') AS g(d))
SELECT s.d,
       (SELECT coalesce(sum(amount), 0) FROM orders o WHERE o.ordered_on <= s.d AND o.ordered_on >= CAST(date_trunc('month', s.d) AS DATE)),
       (SELECT coalesce(sum(amount), 0) FROM orders o WHERE o.ordered_on <= s.d),
       (SELECT coalesce(sum(amount), 0) FROM orders o WHERE o.ordered_on > s.d - 7 AND o.ordered_on <= s.d)
FROM spine s ORDER BY s.d
