SELECT s.name, sum(o.amount) FROM orders o LEFT JOIN stores s ON s.id = o.store_id GROUP BY s.name ORDER BY s.name
