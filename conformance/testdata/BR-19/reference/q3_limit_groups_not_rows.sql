SELECT region, sum(amount), count(id) FROM orders GROUP BY region ORDER BY region LIMIT 3
