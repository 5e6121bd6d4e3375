package reference

import "fmt"

// Hand-written SQL over the raw demo tables, one figure per channel. It
// shares nothing with definitions/: it reads the tables the demo loads and
// states each business rule again. Every query runs on DuckDB and
// PostgreSQL alike, except the percentiles (see percentileSQL).
const (
	handLeads = `SELECT channel, COUNT(*) FROM leads GROUP BY channel`

	handQualifiedLeads = `SELECT channel, COUNT(*) FILTER (WHERE score >= 50 AND channel <> 'test')
		FROM leads GROUP BY channel`

	handSpend = `SELECT channel, SUM(spend) FROM ad_spend GROUP BY channel`

	handPlatformConversions = `SELECT channel, SUM(platform_conversions) FROM ad_spend GROUP BY channel`

	handPlatformValue = `SELECT channel, SUM(platform_conversion_value) FROM ad_spend GROUP BY channel`

	// Deals count for the channel of the lead they came from.
	handWonDeals = `SELECT l.channel, COUNT(*) FROM deals d JOIN leads l ON l.lead_id = d.lead_id
		WHERE d.status = 'won' GROUP BY l.channel`

	// A closed customer is the resolved customer of a won deal: the
	// deal's row in identity_map, not the CRM contact id on the deal.
	handClosedCustomers = `SELECT l.channel, COUNT(DISTINCT m.customer_id) FROM deals d JOIN leads l ON l.lead_id = d.lead_id
		` + dealCustomer + `
		WHERE d.status = 'won' GROUP BY l.channel`

	dealCustomer = `LEFT JOIN identity_map m ON m.source = 'crm_deals' AND m.record_key = CAST(d.deal_id AS VARCHAR)`

	handBooked = `SELECT l.channel, SUM(d.amount) FROM deals d JOIN leads l ON l.lead_id = d.lead_id
		WHERE d.status = 'won' GROUP BY l.channel`

	handInvoiced = `SELECT l.channel, SUM(i.amount)
		FROM invoices i JOIN deals d ON d.deal_id = i.deal_id JOIN leads l ON l.lead_id = d.lead_id
		GROUP BY l.channel`

	// Cash: what succeeded minus what was refunded.
	handCollected = `SELECT l.channel,
		COALESCE(SUM(p.amount) FILTER (WHERE p.status = 'succeeded'), 0)
		  - COALESCE(SUM(p.amount) FILTER (WHERE p.status = 'refunded'), 0)
		FROM payments p JOIN invoices i ON i.invoice_id = p.invoice_id
		JOIN deals d ON d.deal_id = i.deal_id JOIN leads l ON l.lead_id = d.lead_id
		GROUP BY l.channel`

	handRefunds = `SELECT l.channel, SUM(p.amount)
		FROM payments p JOIN invoices i ON i.invoice_id = p.invoice_id
		JOIN deals d ON d.deal_id = i.deal_id JOIN leads l ON l.lead_id = d.lead_id
		WHERE p.status = 'refunded' GROUP BY l.channel`

	handGrossMargin = `SELECT l.channel,
		COALESCE(SUM(e.amount) FILTER (WHERE e.account = 'revenue'), 0)
		  - COALESCE(SUM(e.amount) FILTER (WHERE e.account = 'cogs'), 0)
		FROM ledger_entries e JOIN invoices i ON i.invoice_id = e.invoice_id
		JOIN deals d ON d.deal_id = i.deal_id JOIN leads l ON l.lead_id = d.lead_id
		GROUP BY l.channel`

	// firstContact is each lead with the delay to its earliest activity
	// (NULL when the lead has no activity).
	firstContact = `SELECT l.lead_id, l.channel, MIN(a.occurred_at) - l.created_at AS delay
		FROM leads l LEFT JOIN activities a ON a.lead_id = l.lead_id
		GROUP BY l.lead_id, l.channel, l.created_at`

	handWithin5m = `SELECT channel, COUNT(*) FILTER (WHERE delay <= INTERVAL '5 minutes')
		FROM (` + firstContact + `) f GROUP BY channel`

	// handSpeedBuckets is leads and won deals per time-to-first-contact
	// bucket.
	handSpeedBuckets = `WITH f AS (` + firstContact + `),
		b AS (SELECT lead_id, CASE
			WHEN delay IS NULL THEN 'never'
			WHEN delay <= INTERVAL '5 minutes' THEN '0-5m'
			WHEN delay <= INTERVAL '30 minutes' THEN '5-30m'
			WHEN delay <= INTERVAL '2 hours' THEN '30m-2h'
			WHEN delay <= INTERVAL '24 hours' THEN '2h-24h'
			ELSE '24h+' END AS bucket FROM f)`
	handLeadsBySpeed = handSpeedBuckets + ` SELECT bucket, COUNT(*) FROM b GROUP BY bucket`
	handWonBySpeed   = handSpeedBuckets + ` SELECT b.bucket, COUNT(*) FROM b
		JOIN deals d ON d.lead_id = b.lead_id AND d.status = 'won' GROUP BY b.bucket`

	// By channel and campaign: spend per campaign, and closed customers
	// of leads tagged with that campaign in any letter case.
	handSpendByCampaign = `SELECT channel, lower(campaign), SUM(spend) FROM ad_spend GROUP BY channel, lower(campaign)`

	handClosedByCampaign = `SELECT l.channel, lower(l.utm_campaign), COUNT(DISTINCT m.customer_id)
		FROM deals d JOIN leads l ON l.lead_id = d.lead_id
		` + dealCustomer + `
		WHERE d.status = 'won' AND EXISTS (SELECT 1 FROM ad_spend s
			WHERE s.channel = l.channel AND lower(s.campaign) = lower(l.utm_campaign))
		GROUP BY l.channel, lower(l.utm_campaign)`
)

// percentileSQL is the continuous percentile p of the seconds to first
// contact per channel, written in each engine's own syntax.
func percentileSQL(dialect string, p float64) string {
	seconds := "EXTRACT(EPOCH FROM delay)"
	agg := fmt.Sprintf("quantile_cont(%s, %g)", seconds, p)
	if dialect == "postgres" {
		agg = fmt.Sprintf("percentile_cont(%g) WITHIN GROUP (ORDER BY %s)", p, seconds)
	}
	return fmt.Sprintf("SELECT channel, %s FROM (%s) f GROUP BY channel", agg, firstContact)
}
