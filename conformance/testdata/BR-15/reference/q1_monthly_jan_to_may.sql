WITH months AS (SELECT m::date AS m FROM generate_series(DATE '2023-12-01', DATE '2024-05-01', INTERVAL '1 month') AS g(m)),
     rev AS (SELECT months.m, coalesce(sum(b.amount), 0) AS r FROM months LEFT JOIN bookings b ON date_trunc('month', b.booked_on) = months.m GROUP BY months.m)
SELECT c.m::text, c.r, p.r, round((c.r - p.r) / nullif(p.r, 0), 6)
FROM rev c JOIN rev p ON p.m = (c.m - INTERVAL '1 month')::date
WHERE c.m >= DATE '2024-01-01' ORDER BY c.m
