SELECT status, round(count(CASE WHEN status = 'qualified' THEN id END)::numeric / nullif(count(id), 0), 6), count(id) FROM leads GROUP BY status ORDER BY status
