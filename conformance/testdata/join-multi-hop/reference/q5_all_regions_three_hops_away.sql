WITH f AS (SELECT r.name, sum(o.amount) AS revenue, count(o.id) AS n
           FROM orders o
           LEFT JOIN customers cu ON cu.id = o.customer_id
           LEFT JOIN countries co ON co.id = cu.country_id
           LEFT JOIN regions r ON r.id = co.region_id
           GROUP BY r.name)
SELECT k.name, f.revenue, coalesce(f.n, 0)
FROM (SELECT name FROM regions UNION SELECT name FROM f) k
LEFT JOIN f ON f.name = k.name OR (f.name IS NULL AND k.name IS NULL)
ORDER BY k.name NULLS LAST
