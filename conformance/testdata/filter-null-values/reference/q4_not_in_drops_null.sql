SELECT count(o.id) FROM orders o
LEFT JOIN customers cu ON cu.id = o.customer_id LEFT JOIN countries co ON co.id = cu.country_id
WHERE co.name NOT IN ('US', 'AQ')
