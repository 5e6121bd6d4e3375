SELECT count(c.id) FROM customers c
WHERE EXISTS (SELECT 1 FROM orders o JOIN products p ON p.id = o.product_id WHERE o.customer_id = c.id AND p.category = 'shoes')
