package guard

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/metricsd/metricsd/catalog"
	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/expr"
	"github.com/metricsd/metricsd/semantic/model"
)

// Check evaluates the guards of the requested metrics, and of every metric
// they read, over the source statuses at time now. Metrics may be written
// as name@version; unknown metrics have no guards. Guards compile once per
// definitions set. Each finding names the requested metric, so a guard on
// ad_spend rejects or flags a requested ROAS that divides by it.
//
// A guard whose condition fails to compile or evaluate counts as holding,
// with the reason in Finding.Detail. Guards that read value or rows are
// not evaluated, because no result exists before the query runs.
func Check(ctx context.Context, m *semantic.Model, metrics []string, statuses []catalog.Status, now time.Time) Findings {
	guards := cache.forModel(m)
	sources := catalog.GuardSources(statuses)
	var out Findings
	for _, requested := range metrics {
		for _, def := range m.Lineage(requested) {
			for i := range def.Guards {
				g := &def.Guards[i]
				vars := map[string]any{expr.GuardSources: sources, expr.GuardNow: now, expr.GuardMetric: def.Name}
				if f, ok := evaluate(ctx, guards.get(g), g, vars); ok {
					f.Metric, f.Owner = requested, def.Name
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// evaluate runs one guard and returns a finding when it holds or cannot be
// evaluated. ok is false when the guard passes or needs a query result.
func evaluate(ctx context.Context, c *compiled, g *model.Guard, vars map[string]any) (Finding, bool) {
	f := newFinding(g)
	if c.prog == nil {
		f.Detail = "the condition does not compile, so the guard counts as holding: " + summaries(c.diags)
		return f, true
	}
	if needsResult(c.prog) {
		return f, false
	}
	holds, err := c.prog.Eval(ctx, vars)
	if err != nil {
		f.Detail = fmt.Sprintf("the condition could not be evaluated, so the guard counts as holding: %v", err)
		return f, true
	}
	return f, holds
}

// newFinding fills the parts of a finding that come from the definition.
// A guard without a severity is an error guard.
func newFinding(g *model.Guard) Finding {
	f := Finding{
		Severity:  diag.Error,
		Code:      diag.GuardFailed,
		Message:   g.Message,
		Condition: g.When.Text,
		Pos:       g.When.Pos,
	}
	if g.Severity == "warning" {
		f.Severity, f.Code = diag.Warning, diag.GuardWarning
	}
	if f.Message == "" {
		f.Message = fmt.Sprintf("guard %q holds", g.When.Text)
	}
	if f.Pos.IsZero() {
		f.Pos = g.Pos
	}
	return f
}

// needsResult reports whether a guard reads the result variables value or
// rows.
func needsResult(g *expr.Guard) bool {
	names := g.Names()
	return slices.Contains(names, expr.GuardValue) || slices.Contains(names, expr.GuardRows)
}

func summaries(diags diag.List) string {
	parts := make([]string, 0, len(diags))
	for _, d := range diags {
		parts = append(parts, fmt.Sprintf("%s %s", d.Code, d.Summary))
	}
	return strings.Join(parts, "; ")
}
