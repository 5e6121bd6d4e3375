SELECT c.segment, count(CASE WHEN EXISTS (SELECT 1 FROM orders o JOIN products p ON p.id = o.product_id
                                          WHERE o.customer_id = c.id AND p.category = 'shoes') THEN c.id END)
FROM customers c GROUP BY c.segment ORDER BY c.segment
