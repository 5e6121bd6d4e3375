SELECT region, round(count(CASE WHEN status = 'qualified' THEN id END)::numeric / nullif(count(id), 0), 6),
       count(CASE WHEN status = 'qualified' THEN id END), count(id)
FROM leads WHERE source = 'paid' GROUP BY region ORDER BY region
