package reference

import (
	"testing"

	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/warehouse"
)

// TestMetricsMatchHandWrittenSQL serves every reference metric by channel
// and compares it with hand-written SQL over the raw demo tables. Sums and
// counts must be the same exact decimals; ratios and time-to-event
// statistics are floating point in the engine and must agree to 1e-12.
func TestMetricsMatchHandWrittenSQL(t *testing.T) {
	m := buildReference(t)
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			w := demoWarehouse(t, e.dsn(t))
			checkChannelMetrics(t, m, w)
			checkCampaignCost(t, m, w)
			checkSpeedBuckets(t, m, w)
		})
	}
}

func checkChannelMetrics(t *testing.T, m *semantic.Model, w *warehouse.Warehouse) {
	by := func(metric string) figures { return served(t, m, w, metric, "channel__name") }
	h := func(sql string) figures { return hand(t, w, sql) }

	leads, qualified := h(handLeads), h(handQualifiedLeads)
	spend, won, closed := h(handSpend), h(handWonDeals), h(handClosedCustomers)
	collected, value := h(handCollected), h(handPlatformValue)
	within := h(handWithin5m)

	exact := map[string]figures{
		"leads":                     leads,
		"qualified_leads":           qualified,
		"ad_spend":                  spend,
		"platform_conversions":      h(handPlatformConversions),
		"platform_conversion_value": value,
		"won_deals":                 won,
		"closed_customers":          closed,
		"booked_revenue":            h(handBooked),
		"invoiced_revenue":          h(handInvoiced),
		"collected_revenue":         collected,
		"refunds":                   h(handRefunds),
		"gross_margin":              h(handGrossMargin),
		"contacted_within_5m":       within,
	}
	for metric, want := range exact {
		sameExact(t, metric, by(metric), want)
	}

	ratios := map[string]map[string]float64{
		"qualified_lead_rate":           ratioOf(qualified, leads),
		"close_rate":                    ratioFilled(won, leads),
		"platform_roas":                 ratioOf(value, spend),
		"reconciled_roas":               ratioOf(collected, spend),
		"cost_per_lead":                 ratioOf(spend, leads),
		"cost_per_closed_customer":      ratioOf(spend, closed),
		"contacted_within_5m_rate":      ratioOf(within, leads),
		"speed_to_first_contact_median": floats(h(percentileSQL(w.Dialect(), 0.5))),
		"speed_to_first_contact_p90":    floats(h(percentileSQL(w.Dialect(), 0.9))),
	}
	for metric, want := range ratios {
		sameFloat(t, metric, by(metric), want)
	}

	if n := len(exact) + len(ratios); n != len(m.Metrics()) {
		t.Errorf("checked %d metrics; the reference model has %d: add the new ones here", n, len(m.Metrics()))
	}
}

// checkCampaignCost checks cost per closed customer by channel and
// campaign. Leads tagged with a campaign that has no spend are left out:
// the engine gives them no campaign name and no cost.
func checkCampaignCost(t *testing.T, m *semantic.Model, w *warehouse.Warehouse) {
	got := served(t, m, w, "cost_per_closed_customer", "channel__name", "campaign__name")
	want := ratioOf(hand(t, w, handSpendByCampaign), hand(t, w, handClosedByCampaign))
	if len(want) < 9 {
		t.Errorf("hand-written SQL has %d campaigns with closed customers; want all 9 demo campaigns", len(want))
	}
	sameFloat(t, "cost_per_closed_customer by campaign", got, want)
}

// checkSpeedBuckets checks close rate by time to first contact.
func checkSpeedBuckets(t *testing.T, m *semantic.Model, w *warehouse.Warehouse) {
	leads := hand(t, w, handLeadsBySpeed)
	won := hand(t, w, handWonBySpeed)
	sameExact(t, "leads by speed bucket", served(t, m, w, "leads", "lead__speed_bucket"), leads)
	sameFloat(t, "close_rate by speed bucket", served(t, m, w, "close_rate", "lead__speed_bucket"), ratioFilled(won, leads))
}
