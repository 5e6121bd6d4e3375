SELECT coalesce(sum(CASE WHEN refunded THEN amount END), 0) / nullif(sum(amount), 0)
FROM sales WHERE product IN ('B', 'C')
