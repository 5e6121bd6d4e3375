SELECT sum(amount) FROM orders WHERE ordered_on = DATE '2024-03-31'
