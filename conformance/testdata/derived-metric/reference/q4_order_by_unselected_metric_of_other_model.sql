WITH p AS (SELECT c.region, sum(p.amount) AS collected FROM payments p JOIN customers c ON c.id = p.customer_id GROUP BY c.region),
     r AS (SELECT c.region, sum(r.amount) AS refunded FROM refunds r JOIN customers c ON c.id = r.customer_id GROUP BY c.region)
SELECT k.region, coalesce(p.collected, 0)
FROM (SELECT region FROM p UNION SELECT region FROM r) k
LEFT JOIN p ON p.region = k.region LEFT JOIN r ON r.region = k.region
ORDER BY coalesce(r.refunded, 0) DESC, k.region
