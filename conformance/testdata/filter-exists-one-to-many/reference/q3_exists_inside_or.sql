SELECT count(c.id), sum(c.credit_limit) FROM customers c
WHERE c.id IN (SELECT k.id FROM customers k LEFT JOIN orders o ON o.customer_id = k.id
               WHERE k.segment = 'enterprise' OR o.status = 'returned')
