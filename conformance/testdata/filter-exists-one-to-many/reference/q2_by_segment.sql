WITH c AS (SELECT c.segment, count(c.id) AS customers, sum(c.credit_limit) AS credit_limit FROM customers c
           WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.status = 'returned')
           GROUP BY c.segment),
     o AS (SELECT c.segment, count(o.id) AS orders, sum(o.amount) AS amount FROM orders o
           LEFT JOIN customers c ON c.id = o.customer_id WHERE o.status = 'returned' GROUP BY c.segment)
SELECT c.segment, c.customers, c.credit_limit, o.orders, o.amount FROM c JOIN o ON o.segment = c.segment ORDER BY c.segment
