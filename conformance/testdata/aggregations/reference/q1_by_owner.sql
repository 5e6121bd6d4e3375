SELECT owner, count(id), count(DISTINCT lead_id), min(amount), max(amount), avg(amount),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY amount), percentile_cont(0.9) WITHIN GROUP (ORDER BY amount),
       sum(CASE WHEN won THEN 1 ELSE 0 END)
FROM deals GROUP BY owner ORDER BY owner
