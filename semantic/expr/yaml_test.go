package expr

import (
	"testing"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
)

// definitions holds one type error (string compared with int) per scalar
// style. TestCompileYAMLPositions lists the file position of each ==.
const definitions = `metrics:
  - name: plain
    filter: visits > 1 && channel == 5
  - name: single
    filter: 'visits > 1 && channel == 5'
  - name: double
    filter: "visits > 1 && channel == 5"
  - name: block
    filter: |
      visits > 1 &&
        channel == 5
  - name: deep_block
    filter: |
        visits > 1 &&
          channel == 5
  - name: guarded
    guards:
      - when: metric > 5
        severity: error
        message: stale
      - when: |
          sorces.ad_spend.age > duration('1h')
        severity: warning
        message: stale
  - name: folded
    filter: >
      visits > 1 &&
      channel == 5
  - name: escaped
    filter: "region == \"eu\" && channel == 5"
  - name: unicode
    filter: "region == 'ü' && channel == 5"
`

func loadDefinitions(t *testing.T) *model.Set {
	t.Helper()
	set, diags := load.Files([]model.File{{Path: "defs/metrics.yml", Data: []byte(definitions)}})
	if len(diags) > 0 {
		t.Fatalf("load: %v", diags)
	}
	return set
}

func TestCompileYAMLPositions(t *testing.T) {
	want := map[string]diag.Pos{
		"plain":      {File: "defs/metrics.yml", Line: 3, Col: 35},
		"single":     {File: "defs/metrics.yml", Line: 5, Col: 36},
		"double":     {File: "defs/metrics.yml", Line: 7, Col: 36},
		"block":      {File: "defs/metrics.yml", Line: 11, Col: 17},
		"deep_block": {File: "defs/metrics.yml", Line: 15, Col: 19},
		"folded":     {File: "defs/metrics.yml", Line: 28, Col: 15},
		"escaped":    {File: "defs/metrics.yml", Line: 30, Col: 42},
		"unicode":    {File: "defs/metrics.yml", Line: 32, Col: 39},
	}
	env := testEnv(t)
	for _, m := range loadDefinitions(t).Metrics {
		pos, ok := want[m.Name]
		if !ok {
			continue
		}
		f, diags := env.Compile(m.Filter)
		if f != nil || len(diags) != 1 {
			t.Errorf("%s: got filter %v, diagnostics %v; want one CEL_TYPE", m.Name, f, diags)
			continue
		}
		if diags[0].Code != diag.CELType || diags[0].Pos != pos {
			t.Errorf("%s: got %s at %v, want CEL_TYPE at %v", m.Name, diags[0].Code, diags[0].Pos, pos)
		}
	}
}

func TestCompileGuardYAMLPositions(t *testing.T) {
	var guards []model.Guard
	for _, m := range loadDefinitions(t).Metrics {
		guards = append(guards, m.Guards...)
	}
	if len(guards) != 2 {
		t.Fatalf("got %d guards, want 2", len(guards))
	}
	cases := []struct {
		code        diag.Code
		pos         diag.Pos
		suggestions []string
	}{
		{diag.CELType, diag.Pos{File: "defs/metrics.yml", Line: 18, Col: 22}, nil},
		{diag.CELUnknownName, diag.Pos{File: "defs/metrics.yml", Line: 22, Col: 11}, []string{"sources.ad_spend.age"}},
	}
	for i, c := range cases {
		g, diags := CompileGuard(guards[i].When)
		if g != nil || len(diags) != 1 {
			t.Errorf("guard %d: got %v, diagnostics %v; want one %s", i, g, diags, c.code)
			continue
		}
		if diags[0].Code != c.code || diags[0].Pos != c.pos {
			t.Errorf("guard %d: got %s at %v, want %s at %v", i, diags[0].Code, diags[0].Pos, c.code, c.pos)
		}
		if c.suggestions != nil && (len(diags[0].Suggestions) == 0 || diags[0].Suggestions[0] != c.suggestions[0]) {
			t.Errorf("guard %d: suggestions %v, want %v", i, diags[0].Suggestions, c.suggestions)
		}
	}
}
