SELECT s.name, count(o.id), coalesce(sum(o.amount), 0) FROM stores s LEFT JOIN orders o ON o.store_id = s.id GROUP BY s.name ORDER BY s.name
