SELECT co.name, sum(o.amount) FROM orders o
LEFT JOIN customers cu ON cu.id = o.customer_id LEFT JOIN countries co ON co.id = cu.country_id
WHERE co.name IS NULL OR co.name <> 'US'
GROUP BY co.name ORDER BY co.name NULLS LAST
