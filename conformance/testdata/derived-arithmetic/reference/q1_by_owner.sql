SELECT owner,
       CAST(sum(CASE WHEN won THEN 1 ELSE 0 END) AS NUMERIC) / count(id),
       CAST(sum(CASE WHEN won THEN 1 ELSE 0 END) AS NUMERIC) / count(id),
       CAST(sum(CASE WHEN won THEN 1 ELSE 0 END) AS NUMERIC) / count(id) * 100,
       -(sum(amount) - count(id)) * 0.5,
       sum(amount) / count(id) / 1000
FROM deals GROUP BY owner ORDER BY owner
