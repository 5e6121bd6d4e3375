SELECT c.name, count(c.id) FROM customers c
WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.status IN ('returned', 'shipped'))
GROUP BY c.name ORDER BY c.name
