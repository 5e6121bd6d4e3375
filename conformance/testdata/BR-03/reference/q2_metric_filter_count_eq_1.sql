SELECT s.name AS store__name, count(o.id) AS order_count
FROM stores s LEFT JOIN orders o ON o.store_id = s.id
GROUP BY s.name
HAVING count(o.id) = 1
ORDER BY s.name
