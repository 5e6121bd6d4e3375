SELECT round(sum(CASE WHEN refunded THEN amount END) / nullif(sum(amount), 0), 6),
       round(sum(CASE WHEN refunded THEN amount END) / nullif(count(CASE WHEN refunded THEN id END), 0), 6)
FROM sales
