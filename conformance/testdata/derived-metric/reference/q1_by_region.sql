WITH p AS (SELECT c.region, sum(p.amount) AS collected FROM payments p JOIN customers c ON c.id = p.customer_id GROUP BY c.region),
     r AS (SELECT c.region, sum(r.amount) AS refunded FROM refunds r JOIN customers c ON c.id = r.customer_id GROUP BY c.region),
     m AS (SELECT c.region, coalesce(p.collected, 0) AS collected, coalesce(r.refunded, 0) AS refunded
           FROM (SELECT region FROM p UNION SELECT region FROM r) c
           LEFT JOIN p ON p.region = c.region LEFT JOIN r ON r.region = c.region)
SELECT region, collected, refunded, collected - refunded, round(refunded / nullif(collected, 0), 6), (collected - refunded) * 2
FROM m ORDER BY region
