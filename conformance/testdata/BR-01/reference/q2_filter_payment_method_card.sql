WITH b AS (SELECT c.region, sum(o.amount) AS booked, count(o.id) AS n
           FROM orders o JOIN customers c ON c.id = o.customer_id
           WHERE EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.method = 'card') GROUP BY c.region),
     p AS (SELECT c.region, sum(p.amount) AS collected
           FROM payments p JOIN orders o ON o.id = p.order_id JOIN customers c ON c.id = o.customer_id
           WHERE p.method = 'card' GROUP BY c.region)
SELECT b.region, b.booked, b.n, coalesce(p.collected, 0) FROM b LEFT JOIN p ON p.region = b.region ORDER BY b.region
