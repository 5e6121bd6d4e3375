SELECT ordered_on, sum(amount) FROM orders GROUP BY ordered_on ORDER BY ordered_on
