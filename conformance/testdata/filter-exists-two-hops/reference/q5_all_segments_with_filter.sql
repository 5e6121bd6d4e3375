SELECT s.segment, count(o.id)
FROM (SELECT DISTINCT segment FROM customers) s
LEFT JOIN customers c ON c.segment = s.segment
LEFT JOIN orders o ON o.customer_id = c.id AND o.status = 'shipped'
GROUP BY s.segment ORDER BY s.segment
