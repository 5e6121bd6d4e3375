SELECT count(c.id), sum(c.credit_limit) FROM customers c
WHERE c.segment = 'enterprise' OR EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.status = 'returned')
