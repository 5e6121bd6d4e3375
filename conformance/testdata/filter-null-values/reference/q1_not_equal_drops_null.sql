SELECT sum(o.amount), count(o.id) FROM orders o
LEFT JOIN customers cu ON cu.id = o.customer_id LEFT JOIN countries co ON co.id = cu.country_id LEFT JOIN regions r ON r.id = co.region_id
WHERE r.name <> 'Europe'
