WITH s AS (SELECT a.segment, sum(s.amount) AS spend
           FROM spend s LEFT JOIN accounts a ON a.id = s.account_id GROUP BY a.segment),
     l AS (SELECT a.segment, count(l.id) AS leads
           FROM leads l LEFT JOIN accounts a ON a.id = l.account_id GROUP BY a.segment),
     m AS (SELECT segment, max(spend) AS spend, coalesce(max(leads), 0) AS leads
           FROM (SELECT segment, spend, CAST(NULL AS BIGINT) AS leads FROM s
                 UNION ALL
                 SELECT segment, NULL, leads FROM l) u
           GROUP BY segment)
SELECT segment, leads FROM m ORDER BY segment DESC NULLS LAST
