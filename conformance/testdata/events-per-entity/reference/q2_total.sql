WITH lag AS (
  SELECT l.id,
    CAST(extract(epoch FROM (SELECT min(a.occurred_at_utc) FROM activities a WHERE a.lead_id = l.id)) AS DOUBLE PRECISION)
      - CAST(extract(epoch FROM l.created_at_utc) AS DOUBLE PRECISION) AS s
  FROM leads l)
SELECT
  (SELECT count(*) FROM leads l WHERE EXISTS (SELECT 1 FROM deals d WHERE d.lead_id = l.id AND d.status = 'won'
     AND d.channel = l.channel AND d.closed_at_utc >= l.created_at_utc AND d.closed_at_utc <= l.created_at_utc + INTERVAL '90 days')),
  (SELECT CAST(count(*) AS DOUBLE PRECISION) / 5 FROM leads l WHERE EXISTS (SELECT 1 FROM deals d WHERE d.lead_id = l.id AND d.status = 'won'
     AND d.closed_at_utc >= l.created_at_utc AND d.closed_at_utc <= l.created_at_utc + INTERVAL '90 days')),
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s) FROM lag),
  (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY s) FROM lag),
  (SELECT avg(CASE WHEN s <= 300 THEN 1.0 ELSE 0.0 END) FROM lag)
