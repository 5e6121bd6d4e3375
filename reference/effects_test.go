package reference

import (
	"testing"
)

// paidChannels are the demo channels that buy ads.
var paidChannels = []string{"bing", "facebook", "google", "linkedin", "tiktok"}

// TestPlantedEffectsVisible checks that the two leaks the demo plants show
// through the reference metrics. TikTok buys the cheapest leads and its
// platform claims the highest ROAS, yet its customers pay back the least.
// Leads contacted within five minutes close more often than slower ones.
func TestPlantedEffectsVisible(t *testing.T) {
	m := buildReference(t)
	w := demoWarehouse(t, "duckdb:")
	metric := func(name string) map[string]float64 {
		out := map[string]float64{}
		for k, v := range served(t, m, w, name, "channel__name") {
			out[k] = float(v)
		}
		return out
	}

	costPerLead := metric("cost_per_lead")
	platform := metric("platform_roas")
	reconciled := metric("reconciled_roas")
	if c := argMin(costPerLead); c != "tiktok" {
		t.Errorf("cheapest leads from %s (%v); want tiktok", c, costPerLead)
	}
	if c := argMax(platform); c != "tiktok" {
		t.Errorf("highest platform ROAS on %s (%v); want tiktok", c, platform)
	}
	if c := argMin(reconciled); c != "tiktok" {
		t.Errorf("lowest reconciled ROAS on %s (%v); want tiktok", c, reconciled)
	}
	if reconciled["tiktok"] >= 1 {
		t.Errorf("tiktok reconciled ROAS = %v; want below 1, spend not paid back", reconciled["tiktok"])
	}

	closeRate := map[string]float64{}
	for k, v := range served(t, m, w, "close_rate", "lead__speed_bucket") {
		closeRate[k] = float(v)
	}
	for _, slow := range []string{"5-30m", "30m-2h", "2h-24h", "24h+", "never"} {
		if closeRate["0-5m"] <= closeRate[slow] {
			t.Errorf("close rate within 5 minutes = %v, not above %s = %v", closeRate["0-5m"], slow, closeRate[slow])
		}
	}
	if closeRate["0-5m"] < 2*closeRate["24h+"] {
		t.Errorf("close rate within 5 minutes = %v; want at least twice the 24h+ rate %v", closeRate["0-5m"], closeRate["24h+"])
	}
}

// argMin returns the paid channel with the smallest value.
func argMin(values map[string]float64) string {
	best := ""
	for _, c := range paidChannels {
		if v, ok := values[c]; ok && (best == "" || v < values[best]) {
			best = c
		}
	}
	return best
}

// argMax returns the paid channel with the largest value.
func argMax(values map[string]float64) string {
	best := ""
	for _, c := range paidChannels {
		if v, ok := values[c]; ok && (best == "" || v > values[best]) {
			best = c
		}
	}
	return best
}
