WITH r AS (SELECT a.segment, sum(o.amount) AS rev FROM orders o JOIN accounts a ON a.id = o.account_id GROUP BY a.segment),
     l AS (SELECT a.segment, count(l.id) AS n FROM leads l JOIN accounts a ON a.id = l.account_id GROUP BY a.segment)
SELECT seg, max(rev), coalesce(max(n), 0)
FROM (SELECT segment AS seg, rev, NULL::bigint AS n FROM r UNION ALL SELECT segment, NULL, n FROM l) u
GROUP BY seg ORDER BY seg NULLS LAST
