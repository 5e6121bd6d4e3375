SELECT region, sum(amount) FROM orders GROUP BY region ORDER BY sum(amount) DESC, region ASC LIMIT 2 OFFSET 1
