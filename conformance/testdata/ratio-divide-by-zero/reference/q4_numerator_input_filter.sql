SELECT round(sum(CASE WHEN product = 'A' THEN amount END) / nullif(sum(amount), 0), 6) FROM sales
