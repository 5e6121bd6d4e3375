WITH months AS (SELECT CAST(m AS DATE) AS m FROM generate_series(DATE '2024-01-01', DATE '2024-02-01', INTERVAL '1 month') AS g(m)),
     last_day AS (SELECT m, least(CAST(m + INTERVAL '1 month' AS DATE) - 1, DATE '2024-02-29') AS d FROM months)
SELECT l.m,
       (SELECT coalesce(sum(amount), 0) FROM orders o WHERE o.ordered_on >= l.m AND o.ordered_on <= l.d),
       (SELECT coalesce(sum(amount), 0) FROM orders o WHERE o.ordered_on <= l.d)
FROM last_day l ORDER BY l.m
