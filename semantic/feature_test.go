package semantic

import (
	"testing"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/plan"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/semantic/render"
)

// noFullJoin is DuckDB without merging, standing in for a warehouse
// dialect that cannot merge models.
type noFullJoin struct{ render.DuckDB }

func (noFullJoin) Supports(f render.Feature) bool { return f != render.FeatureMerge }

func TestUnsupportedFeatureDiagnostic(t *testing.T) {
	m := shopModel(t)
	q := query.Query{Metrics: []string{"booked_revenue", "collected_revenue"}, GroupBy: []string{"customer__region"}}
	p, diags := plan.Build(m.r, q)
	if diags.HasErrors() {
		t.Fatal(formatDiags(diags))
	}
	c, diags := compileWith(p, noFullJoin{}, nil)
	if c != nil || len(diags) != 1 || diags[0].Code != diag.UnsupportedDialect {
		t.Fatalf("compiled %v, diagnostics %s", c != nil, formatDiags(diags))
	}
	want := "the duckdb dialect cannot express merging metrics from several models"
	if diags[0].Summary != want {
		t.Errorf("summary = %q, want %q", diags[0].Summary, want)
	}
	// one model needs no merge, so the same dialect renders it
	p, _ = plan.Build(m.r, query.Query{Metrics: []string{"booked_revenue"}, GroupBy: []string{"customer__region"}})
	if c, diags := compileWith(p, noFullJoin{}, nil); c == nil {
		t.Errorf("single-model query rejected: %s", formatDiags(diags))
	}
}
