SELECT region, round(count(CASE WHEN status = 'qualified' THEN id END)::numeric / nullif(count(id), 0), 6) FROM leads GROUP BY region ORDER BY region
