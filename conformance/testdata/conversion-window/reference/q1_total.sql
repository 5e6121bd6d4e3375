WITH converted AS (SELECT l.id, l.created_on,
                          EXISTS (SELECT 1 FROM deals d WHERE d.lead_id = l.id AND d.status = 'won'
                                  AND d.closed_on >= l.created_on AND d.closed_on <= l.created_on + 90) AS won
                   FROM leads l)
SELECT count(CASE WHEN won THEN 1 END), round(CAST(count(CASE WHEN won THEN 1 END) AS NUMERIC) / count(*), 6) FROM converted
