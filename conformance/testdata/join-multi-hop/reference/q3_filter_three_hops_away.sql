SELECT sum(o.amount)
FROM orders o
JOIN customers cu ON cu.id = o.customer_id
JOIN countries co ON co.id = cu.country_id
JOIN regions r ON r.id = co.region_id
WHERE r.name = 'Europe'
