SELECT region, sum(amount) FROM orders GROUP BY region ORDER BY count(id) DESC LIMIT 1
