WITH spine AS (SELECT d::date AS d FROM generate_series(DATE '2024-01-01', DATE '2024-01-10', INTERVAL '1 day') AS g(d))
SELECT s.d::text,
       (SELECT sum(amount) FROM orders o WHERE o.ordered_on <= s.d),
       (SELECT sum(amount) FROM orders o WHERE o.ordered_on > s.d - 7 AND o.ordered_on <= s.d),
       (SELECT sum(amount) FROM orders o WHERE o.ordered_on > s.d - 7 AND o.ordered_on <= s.d)
FROM spine s ORDER BY s.d
