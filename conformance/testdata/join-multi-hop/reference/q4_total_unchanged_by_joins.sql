SELECT sum(amount), count(id) FROM orders
