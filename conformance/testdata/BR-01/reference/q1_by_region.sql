WITH b AS (SELECT c.region, sum(o.amount) AS booked, count(o.id) AS n, avg(o.amount) AS aov
           FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.region),
     p AS (SELECT c.region, sum(p.amount) AS collected
           FROM payments p JOIN orders o ON o.id = p.order_id JOIN customers c ON c.id = o.customer_id GROUP BY c.region)
SELECT b.region, b.booked, coalesce(p.collected, 0) AS collected, b.n, round(b.aov, 6) AS aov,
       round(coalesce(p.collected, 0) / nullif(b.booked, 0), 6) AS rate
FROM b LEFT JOIN p ON p.region = b.region ORDER BY b.region
