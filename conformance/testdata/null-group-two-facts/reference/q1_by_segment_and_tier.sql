WITH s AS (SELECT a.segment, a.tier, sum(s.amount) AS spend
           FROM spend s LEFT JOIN accounts a ON a.id = s.account_id GROUP BY a.segment, a.tier),
     l AS (SELECT a.segment, a.tier, count(l.id) AS leads
           FROM leads l LEFT JOIN accounts a ON a.id = l.account_id GROUP BY a.segment, a.tier)
SELECT segment, tier, max(spend), coalesce(max(leads), 0)
FROM (SELECT segment, tier, spend, CAST(NULL AS BIGINT) AS leads FROM s
      UNION ALL
      SELECT segment, tier, NULL, leads FROM l) u
GROUP BY segment, tier
