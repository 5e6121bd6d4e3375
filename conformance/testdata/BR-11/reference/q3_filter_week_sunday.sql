SELECT sum(amount) FROM orders WHERE (date_trunc('week', ordered_on + 1)::date - 1) = DATE '2024-03-03'
