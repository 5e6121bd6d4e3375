WITH o AS (SELECT c.segment, count(o.id) AS n FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.segment),
     c AS (SELECT segment, count(id) AS n FROM customers GROUP BY segment)
SELECT c.segment, round(CAST(coalesce(o.n, 0) AS NUMERIC) / nullif(c.n, 0), 6) FROM c LEFT JOIN o ON o.segment = c.segment ORDER BY c.segment
