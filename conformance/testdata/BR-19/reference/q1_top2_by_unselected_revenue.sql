SELECT region, count(id) FROM orders GROUP BY region ORDER BY sum(amount) DESC, region ASC LIMIT 2
