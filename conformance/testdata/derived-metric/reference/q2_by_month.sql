WITH p AS (SELECT date_trunc('month', paid_on) AS m, sum(amount) AS collected FROM payments GROUP BY 1),
     r AS (SELECT date_trunc('month', refunded_on) AS m, sum(amount) AS refunded FROM refunds GROUP BY 1),
     j AS (SELECT k.m, coalesce(p.collected, 0) AS collected, coalesce(r.refunded, 0) AS refunded
           FROM (SELECT m FROM p UNION SELECT m FROM r) k LEFT JOIN p ON p.m = k.m LEFT JOIN r ON r.m = k.m)
SELECT CAST(m AS DATE), collected - refunded, round(refunded / nullif(collected, 0), 6) FROM j ORDER BY m
