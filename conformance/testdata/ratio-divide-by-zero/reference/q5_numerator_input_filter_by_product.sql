SELECT product, sum(CASE WHEN product = 'A' THEN amount END) / nullif(sum(amount), 0) FROM sales GROUP BY product ORDER BY product
