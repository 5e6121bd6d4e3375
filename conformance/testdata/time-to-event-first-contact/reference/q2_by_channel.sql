WITH lags AS (SELECT l.id, l.channel,
                     (SELECT min(a.occurred_at) FROM activities a WHERE a.lead_id = l.id) - l.created_at AS lag
              FROM leads l),
     secs AS (SELECT id, channel, extract(epoch FROM lag) AS s FROM lags)
SELECT channel, percentile_cont(0.5) WITHIN GROUP (ORDER BY s),
       round(CAST(count(CASE WHEN s <= 300 THEN 1 END) AS NUMERIC) / count(*), 6)
FROM secs GROUP BY channel ORDER BY channel
