SELECT product, sum(amount),
       coalesce(sum(CASE WHEN refunded THEN amount END), 0),
       round(coalesce(sum(CASE WHEN refunded THEN amount END), 0) / nullif(sum(amount), 0), 6),
       count(CASE WHEN refunded THEN id END),
       round(coalesce(sum(CASE WHEN refunded THEN amount END), 0) / nullif(count(CASE WHEN refunded THEN id END), 0), 6)
FROM sales GROUP BY product ORDER BY product
