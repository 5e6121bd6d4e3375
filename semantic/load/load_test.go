package load

import (
	"testing"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

func TestFilesKeepsPositions(t *testing.T) {
	src := "metrics:\n  - name: leads\n    version: 2\n    type: simple\n    measure: lead_count\n    filter: \"channel == 'x'\"\n"
	set, diags := Files([]model.File{{Path: "m.yml", Data: []byte(src)}})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if len(set.Metrics) != 1 {
		t.Fatalf("got %d metrics, want 1", len(set.Metrics))
	}
	m := set.Metrics[0]
	if m.Pos != (model.Pos{File: "m.yml", Line: 2, Col: 5}) {
		t.Errorf("metric pos = %v", m.Pos)
	}
	if m.Version != 2 {
		t.Errorf("version = %d, want 2", m.Version)
	}
	if got := m.Fields["measure"]; got.Line != 5 || got.Col != 14 {
		t.Errorf("measure field pos = %v, want line 5 col 14", got)
	}
	// Column 5 of the expression text is the 'n' of "channel"'s second char
	// plus the opening quote: file column 13 + 1 + 4.
	if got := m.Filter.PosAt(1, 5); got.Line != 6 || got.Col != 18 {
		t.Errorf("filter PosAt(1,5) = %v, want 6:18", got)
	}
}

func TestFilesUnknownKeySuggests(t *testing.T) {
	src := "metrics:\n  - name: leads\n    verison: 1\n"
	_, diags := Files([]model.File{{Path: "m.yml", Data: []byte(src)}})
	if len(diags) != 1 {
		t.Fatalf("got %d diagnostics, want 1: %v", len(diags), diags)
	}
	d := diags[0]
	if d.Code != diag.UnknownKey || d.Pos.Line != 3 || d.Pos.Col != 5 {
		t.Errorf("got %s at %v", d.Code, d.Pos)
	}
	if len(d.Suggestions) == 0 || d.Suggestions[0] != "version" {
		t.Errorf("suggestions = %v, want version first", d.Suggestions)
	}
}

func TestFilesDuplicateKey(t *testing.T) {
	src := "metrics:\n  - name: leads\n    version: 1\n    version: 2\n"
	set, diags := Files([]model.File{{Path: "m.yml", Data: []byte(src)}})
	if len(diags) != 1 {
		t.Fatalf("got %d diagnostics, want 1: %v", len(diags), diags)
	}
	d := diags[0]
	if d.Code != diag.DuplicateKey || d.Pos.Line != 4 || d.Pos.Col != 5 {
		t.Errorf("got %s at %v, want DUPLICATE_KEY at 4:5", d.Code, d.Pos)
	}
	if set.Metrics[0].Version != 1 {
		t.Errorf("version = %d, want the first value 1", set.Metrics[0].Version)
	}
}

func TestFilesSyntaxErrorLine(t *testing.T) {
	cases := map[string]int{
		"a: 1\nmetrics: [x\nc: 2\n":           2, // parser error: the flow sequence opens on line 2
		"metrics:\n  - name: x\n - name: y\n": 3, // parser error at the misindented item
		"version: 1\nmetrics: 'x\n":           2, // scanner error
		"version: 1\n\tmetrics: []\n":         2, // scanner error
	}
	for src, want := range cases {
		_, diags := Files([]model.File{{Path: "m.yml", Data: []byte(src)}})
		if len(diags) != 1 || diags[0].Code != diag.YAMLSyntax {
			t.Errorf("%q: got %v, want one YAML_SYNTAX", src, diags)
			continue
		}
		if diags[0].Pos.Line != want {
			t.Errorf("%q: line %d, want %d (%s)", src, diags[0].Pos.Line, want, diags[0].Summary)
		}
	}
}

func TestFilesFormatVersion(t *testing.T) {
	_, diags := Files([]model.File{{Path: "m.yml", Data: []byte("version: 2\nmetrics: []\n")}})
	if len(diags) != 1 || diags[0].Code != diag.InvalidEnum || diags[0].Pos.Line != 1 || diags[0].Pos.Col != 10 {
		t.Errorf("got %v, want one INVALID_VALUE at 1:10", diags)
	}
}

func TestFilesMeasuresBlockIndent(t *testing.T) {
	src := "metrics:\n  - name: leads\n    filter: |\n\n        a == 1 &&\n          b == 2\n"
	set, diags := Files([]model.File{{Path: "m.yml", Data: []byte(src)}})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	f := set.Metrics[0].Filter
	if f.Indent != 8 {
		t.Errorf("indent = %d, want 8", f.Indent)
	}
	// Line 3 of the text (after the leading blank line) is "  b == 2", and
	// its column 3 is the b at file line 6, column 11.
	if got := f.PosAt(3, 3); got != (model.Pos{File: "m.yml", Line: 6, Col: 11}) {
		t.Errorf("PosAt(3,3) = %v, want m.yml:6:11", got)
	}
}
