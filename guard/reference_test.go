package guard

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/metricsd/metricsd/catalog"
	"github.com/metricsd/metricsd/demo"
	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/warehouse"
)

// TestReferenceGuardsOnDemo evaluates every guard of the reference
// definitions over the demo data, fresh and then two days after the last
// ad spend.
func TestReferenceGuardsOnDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo data set")
	}
	set, diags, err := load.Dir("../definitions")
	if err != nil || diags.HasErrors() {
		t.Fatalf("load reference definitions: %v %v", err, diags)
	}
	m, diags := semantic.Build(set)
	if m == nil {
		t.Fatalf("build reference definitions: %v", diags)
	}
	w, _, err := demo.OpenInMemory(t.Context(), demo.Config{Seed: 1}, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var metrics []string
	for _, met := range m.Metrics() {
		metrics = append(metrics, met.Name)
	}

	// The demo's newest ad spend is on its last day.
	lastDay := demo.DefaultEnd
	fresh, err := catalog.Freshness(t.Context(), w.DB().DB, w.Dialect(), set.Sources, lastDay.Add(12*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if got := Check(t.Context(), m, metrics, fresh, lastDay.Add(12*time.Hour)); len(got) != 0 {
		t.Errorf("findings on fresh demo data = %+v, want none", got)
	}

	stale, err := catalog.Freshness(t.Context(), w.DB().DB, w.Dialect(), set.Sources, lastDay.Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	got := Check(t.Context(), m, metrics, stale, lastDay.Add(48*time.Hour))
	var flagged []string
	for _, f := range got {
		if f.Code != diag.GuardWarning || f.Detail != "" {
			t.Errorf("finding %+v, want a GUARD_WARNING that evaluated", f)
		}
		flagged = append(flagged, f.Metric+"<"+f.Owner)
	}
	slices.Sort(flagged)
	want := "cost_per_closed_customer<cost_per_closed_customer,platform_roas<platform_roas,reconciled_roas<reconciled_roas"
	if got := strings.Join(flagged, ","); got != want {
		t.Errorf("flagged metrics (metric<guard owner) = %s, want %s", got, want)
	}

	names, diags := m.SourcesOfQuery(query.Query{Metrics: []string{"reconciled_roas"}, GroupBy: []string{"channel__name"}})
	if diags.HasErrors() {
		t.Fatalf("plan reconciled_roas by channel__name: %v", diags)
	}
	var used []string
	for _, sf := range SourceStatuses(names, stale) {
		used = append(used, sf.Name+"="+sf.Status)
	}
	if got := strings.Join(used, ","); got != "ad_spend=warn,billing_payments=ok" {
		t.Errorf("reconciled_roas by channel__name reads %s, want ad_spend=warn,billing_payments=ok", got)
	}
}
