package validate

import (
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
