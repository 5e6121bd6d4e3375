package validate

import (
	"fmt"
	"testing"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

func TestPanickingRuleIsInternal(t *testing.T) {
	set := &model.Set{Files: []model.File{{Path: "a.yml"}}}
	broken := rule{name: "broken", check: func(*index, *diag.List) { panic("nil map") }}
	fine := rule{name: "fine", check: func(_ *index, d *diag.List) {
		d.Add(diag.UnknownMetric, diag.Pos{File: "a.yml", Line: 1, Col: 1}, "x")
	}}
	diags := run(set, []rule{broken, fine}, 0)
	if len(diags) != 2 {
		t.Fatalf("got %d diagnostics, want 2: %v", len(diags), diags)
	}
	var internal *diag.Diagnostic
	for i := range diags {
		if diags[i].Code == diag.Internal {
			internal = &diags[i]
		}
	}
	if internal == nil {
		t.Fatalf("no INTERNAL diagnostic in %v", diags)
	}
	if internal.Summary != `validation rule "broken" failed: nil map` {
		t.Errorf("summary = %q", internal.Summary)
	}
}

func TestLoadedDropsRestatedErrors(t *testing.T) {
	at := diag.Pos{File: "a.yml", Line: 3, Col: 14}
	var loaded, ruled diag.List
	loaded.Add(diag.YAMLType, at, "metric.version must be an integer")
	ruled.Add(diag.InvalidVersion, at, "version 0")
	ruled.Add(diag.UnknownMetric, diag.Pos{File: "a.yml", Line: 4, Col: 1}, "unknown")
	got := merge(loaded, ruled, 0)
	if len(got) != 2 || got[0].Code != diag.YAMLType || got[1].Code != diag.UnknownMetric {
		t.Errorf("merge = %v, want YAML_TYPE then UNKNOWN_METRIC", got)
	}
}

func TestSetCapsAtMax(t *testing.T) {
	set := &model.Set{}
	for i := 0; i < 150; i++ {
		// Each metric lacks a version (error) and a description (warning).
		set.Metrics = append(set.Metrics, &model.Metric{
			Name: fmt.Sprintf("m%d", i), Type: model.MetricSimple, Owner: "o",
			Pos:     diag.Pos{File: "a.yml", Line: i + 1, Col: 5},
			Measure: &model.MeasureInput{Name: "x"},
		})
	}
	set.SemanticModels = []*model.SemanticModel{{Name: "t", Table: "t", Measures: []*model.Measure{{Name: "x", Agg: "sum"}}}}
	diags := Set(set)
	if len(diags) != MaxDiagnostics+1 {
		t.Fatalf("got %d diagnostics, want %d", len(diags), MaxDiagnostics+1)
	}
	last := diags[MaxDiagnostics]
	if last.Code != diag.TooManyDiagnostics || last.Severity != diag.Error {
		t.Errorf("last = %+v, want an error TOO_MANY_DIAGNOSTICS", last)
	}
	if want := "100 more diagnostics not shown (50 errors, 50 warnings)"; last.Summary != want {
		t.Errorf("summary = %q, want %q", last.Summary, want)
	}
	if diags[0].Pos.Line != 1 || diags[MaxDiagnostics-1].Pos.Line != 100 {
		t.Errorf("not sorted by position: first %v, last kept %v", diags[0].Pos, diags[MaxDiagnostics-1].Pos)
	}
}

func TestSetNil(t *testing.T) {
	if diags := Set(nil); diags != nil {
		t.Errorf("Set(nil) = %v, want nil", diags)
	}
}

func TestIdentifiersColumns(t *testing.T) {
	got := identifiers("coalesce(a, 0) + 'ä' * b\n  - \"x\" / nullif(c, 0)")
	want := []ident{{"a", 1, 10}, {"b", 1, 24}, {"c", 2, 18}}
	if len(got) != len(want) {
		t.Fatalf("identifiers = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("identifier %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}
