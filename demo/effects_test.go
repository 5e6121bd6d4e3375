package demo_test

import (
	"testing"
)

// closeRateBySpeed is the share of leads with a won deal, by minutes from
// lead creation to the first activity.
const closeRateBySpeed = `
WITH first_contact AS (
	SELECT l.lead_id, MIN(a.occurred_at) - l.created_at AS delay
	FROM leads l LEFT JOIN activities a ON a.lead_id = l.lead_id
	WHERE l.channel <> 'test'
	GROUP BY l.lead_id, l.created_at),
won AS (SELECT DISTINCT lead_id FROM deals WHERE status = 'won')
SELECT CASE WHEN delay <= INTERVAL 5 MINUTE THEN 'fast' ELSE 'slow' END AS speed,
	COUNT(*) AS leads, COUNT(won.lead_id) AS won,
	CAST(COUNT(won.lead_id) AS DOUBLE) / COUNT(*) AS close_rate
FROM first_contact LEFT JOIN won ON won.lead_id = first_contact.lead_id
GROUP BY 1 ORDER BY 1`

func TestPlantedFastContactClosesMore(t *testing.T) {
	w := loadDuckDB(t)
	res := query(t, w, closeRateBySpeed)
	if len(res.Rows) != 2 {
		t.Fatalf("got %d speed buckets, want fast and slow", len(res.Rows))
	}
	fast, slow := decimalOf(t, res.Rows[0][3]), decimalOf(t, res.Rows[1][3])
	t.Logf("close rate: fast %.4f (%v of %v leads), slow %.4f (%v of %v leads)",
		fast, res.Rows[0][2], res.Rows[0][1], slow, res.Rows[1][2], res.Rows[1][1])
	if fast < 3*slow {
		t.Errorf("fast-contact close rate %.4f is not at least 3x the slow one %.4f", fast, slow)
	}
	if fast < 0.15 || fast > 0.25 {
		t.Errorf("fast-contact close rate %.4f outside the planted 0.15..0.25", fast)
	}
}

// channelEconomics is cost per lead and collected revenue (succeeded minus
// refunded payments) per dollar of spend, for each paid channel.
const channelEconomics = `
WITH spend AS (SELECT channel, SUM(spend) AS spend FROM ad_spend GROUP BY channel),
lead_counts AS (SELECT channel, COUNT(*) AS leads FROM leads GROUP BY channel),
collected AS (
	SELECT l.channel, SUM(CASE p.status WHEN 'succeeded' THEN p.amount WHEN 'refunded' THEN -p.amount ELSE 0 END) AS collected
	FROM payments p
	JOIN invoices i ON i.invoice_id = p.invoice_id
	JOIN deals d ON d.deal_id = i.deal_id
	JOIN leads l ON l.lead_id = d.lead_id
	GROUP BY l.channel)
SELECT s.channel, s.spend / lc.leads AS cost_per_lead, c.collected / s.spend AS revenue_per_spend
FROM spend s JOIN lead_counts lc ON lc.channel = s.channel JOIN collected c ON c.channel = s.channel
ORDER BY s.channel`

func TestPlantedWeakChannel(t *testing.T) {
	w := loadDuckDB(t)
	res := query(t, w, channelEconomics)
	if len(res.Rows) != 5 {
		t.Fatalf("got %d paid channels, want 5", len(res.Rows))
	}
	cpl := map[string]float64{}
	rps := map[string]float64{}
	for _, r := range res.Rows {
		name := r[0].(string)
		cpl[name], rps[name] = decimalOf(t, r[1]), decimalOf(t, r[2])
		t.Logf("%-9s cost per lead %7.2f  collected revenue per spend %.3f", name, cpl[name], rps[name])
	}
	for name := range rps {
		if name != "tiktok" && rps[name] <= rps["tiktok"] {
			t.Errorf("%s revenue per spend %.3f is not above tiktok's %.3f", name, rps[name], rps["tiktok"])
		}
		if name != "tiktok" && cpl[name] < cpl["tiktok"] {
			t.Errorf("%s cost per lead %.2f is below tiktok's %.2f", name, cpl[name], cpl["tiktok"])
		}
	}
	if rps["tiktok"] > 0.5*rps["facebook"] {
		t.Errorf("tiktok revenue per spend %.3f is not clearly below the next weakest, facebook %.3f", rps["tiktok"], rps["facebook"])
	}
}
