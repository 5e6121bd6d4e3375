package semantic

import (
	"testing"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/query"
)

// A metric joined to the time spine still computes below day grain, with
// a warning that its empty hours are not filled.
func TestSpineHourGrainWarns(t *testing.T) {
	m, diags := buildDir(t, "testdata/spine_hour_grain_warning/definitions")
	if m == nil {
		t.Fatal(formatDiags(diags))
	}
	q := query.Query{Metrics: []string{"leads_filled"}, GroupBy: []string{"metric_time__hour"}}
	c, diags := Compile(m, q, "postgres")
	if c == nil {
		t.Fatalf("compile failed: %s", formatDiags(diags))
	}
	if len(c.Warnings) != 1 {
		t.Fatalf("warnings = %s, want one", formatDiags(c.Warnings))
	}
	if w := c.Warnings[0]; w.Code != diag.NotImplemented || w.Severity != diag.Warning {
		t.Errorf("warning = %s %s, want a NOT_IMPLEMENTED warning", w.Severity, w.Code)
	}
}
