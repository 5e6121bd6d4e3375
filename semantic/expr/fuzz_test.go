package expr

import (
	"context"
	"strings"
	"testing"
	"time"
)

// FuzzCompileText checks that any query-time text either compiles to a
// filter that renders or yields diagnostics, and never panics.
func FuzzCompileText(f *testing.F) {
	for _, seed := range []string{
		benchFilter,
		"channel == null || !(visits in [1, 2])",
		"day - duration('48h') >= date('2024-03-02')",
		"amount > -1.5e3 && score < 2",
		"[1].exists(x, x > visits)",
		"channel.contains('%_\\\\')",
	} {
		f.Add(seed)
	}
	env := testEnv(f)
	f.Fuzz(func(t *testing.T, text string) {
		filter, diags := env.CompileText(text)
		if filter == nil {
			if len(diags) == 0 {
				t.Fatalf("CompileText(%q): no filter and no diagnostics", text)
			}
			return
		}
		for _, dialect := range []string{DuckDB, Postgres} {
			_, err := filter.WriteSQL(&sqlWriter{dialect: dialect})
			if err != nil && !strings.Contains(err.Error(), "no column for") {
				t.Fatalf("WriteSQL(%q): %v", text, err)
			}
		}
	})
}

// FuzzCompileGuardText checks that guards compile or yield diagnostics and
// that evaluation returns rather than panics.
func FuzzCompileGuardText(f *testing.F) {
	for _, seed := range []string{
		"sources.ad_spend.age > duration('36h')",
		"value > 10.0 && rows < 5",
		"sources.exists(s, sources[s].status == 'error')",
	} {
		f.Add(seed)
	}
	vars := guardVars(time.Hour)
	f.Fuzz(func(t *testing.T, text string) {
		g, diags := CompileGuardText(text)
		if g == nil {
			if len(diags) == 0 {
				t.Fatalf("CompileGuardText(%q): no guard and no diagnostics", text)
			}
			return
		}
		// Only a panic fails: an evaluation error is a valid outcome.
		_, _ = g.Eval(context.Background(), vars)
	})
}
