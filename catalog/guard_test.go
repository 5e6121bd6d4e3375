package catalog

import (
	"strings"
	"testing"
	"time"

	"github.com/metricsd/metricsd/semantic/expr"
)

func TestGuardSourcesFeedsGuards(t *testing.T) {
	now := time.Date(2025, 1, 3, 0, 0, 0, 0, time.UTC)
	newest := now.Add(-40 * time.Hour)
	age := 40 * time.Hour
	sources := GuardSources([]Status{
		{Source: "ad_spend", State: StateWarn, Newest: &newest, Age: &age},
		{Source: "crm", State: StateError, Reason: "table crm does not exist: load the source first"},
	})
	vars := map[string]any{"sources": sources, "now": now}
	cases := []struct {
		guard string
		want  bool
	}{
		{"sources.ad_spend.age > duration('36h')", true},
		{"sources.ad_spend.age > duration('48h')", false},
		{"now - sources.ad_spend.newest > duration('39h')", true},
		{"sources.ad_spend.status == 'warn'", true},
		{"sources.exists(s, sources[s].status == 'error')", true},
	}
	for _, c := range cases {
		g, diags := expr.CompileGuardText(c.guard)
		if len(diags) > 0 {
			t.Fatalf("compile %q: %v", c.guard, diags)
		}
		got, err := g.Eval(t.Context(), vars)
		if err != nil {
			t.Fatalf("eval %q: %v", c.guard, err)
		}
		if got != c.want {
			t.Errorf("%s = %v, want %v", c.guard, got, c.want)
		}
	}

	// The age of a source without data is unknown, so a guard on it fails
	// rather than passing.
	g, _ := expr.CompileGuardText("sources.crm.age > duration('1h')")
	if _, err := g.Eval(t.Context(), vars); err == nil || !strings.Contains(err.Error(), "age") {
		t.Errorf("guard on a missing age: err = %v, want an error naming age", err)
	}
}
