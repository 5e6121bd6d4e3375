SELECT c.segment, count(o.id), sum(o.amount) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
GROUP BY c.segment ORDER BY c.segment
