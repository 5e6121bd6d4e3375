SELECT CAST(floor(id / 10.0) AS INTEGER), count(id) FROM invoices WHERE floor(id / 10.0) >= 1 GROUP BY 1 ORDER BY 1
