package guard

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/metricsd/metricsd/catalog"
	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/expr"
)

// CheckResult evaluates the guards of metric that read the result. rows is
// the number of result rows with a non-NULL value of the metric, so a grand
// total over no data (one row of NULL) has rows 0. value is each row's
// value of the metric's column. values holds that column, one entry per row, as the warehouse
// returns it (nil, int64, float64 or *apd.Decimal). A guard that reads
// value holds when it holds for any row; NULL values are skipped. Only the
// metric's own guards run, because the values of its inputs are not in the
// result.
func CheckResult(ctx context.Context, m *semantic.Model, metric string, values []any, statuses []catalog.Status, now time.Time) Findings {
	lineage := m.Lineage(metric)
	if len(lineage) == 0 {
		return nil
	}
	def := lineage[0]
	guards := cache.forModel(m)
	base := map[string]any{
		expr.GuardSources: catalog.GuardSources(statuses),
		expr.GuardNow:     now,
		expr.GuardMetric:  def.Name,
		expr.GuardRows:    countValues(values),
	}
	var out Findings
	for i := range def.Guards {
		g := &def.Guards[i]
		c := guards.get(g)
		if c.prog == nil || !needsResult(c.prog) {
			continue // Check reports guards that do not compile or need no result
		}
		f := newFinding(g)
		f.Metric, f.Owner = metric, def.Name
		if detail, holds := evaluateRows(ctx, c.prog, base, values); holds {
			f.Detail = detail
			out = append(out, f)
		}
	}
	return out
}

// evaluateRows runs a result guard once, or once per non-NULL value when
// it reads value. The detail counts the rows for which it holds.
func evaluateRows(ctx context.Context, g *expr.Guard, base map[string]any, values []any) (string, bool) {
	if !slices.Contains(g.Names(), expr.GuardValue) {
		holds, err := g.Eval(ctx, base)
		if err != nil {
			return fmt.Sprintf("the condition could not be evaluated, so the guard counts as holding: %v", err), true
		}
		return "", holds
	}
	vars := make(map[string]any, len(base)+1)
	for k, v := range base {
		vars[k] = v
	}
	held, checked := 0, 0
	var firstErr error
	for _, v := range values {
		if v == nil {
			continue
		}
		checked++
		vars[expr.GuardValue] = v
		holds, err := g.Eval(ctx, vars)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		if holds || err != nil {
			held++
		}
	}
	switch {
	case held == 0:
		return "", false
	case firstErr != nil:
		return fmt.Sprintf("holds or could not be evaluated for %d of %d rows with a value: %v", held, checked, firstErr), true
	}
	return fmt.Sprintf("holds for %d of %d rows with a value", held, checked), true
}

// countValues returns how many values are not NULL.
func countValues(values []any) int {
	n := 0
	for _, v := range values {
		if v != nil {
			n++
		}
	}
	return n
}

// CheckColumns runs CheckResult for every metric column of a result, so a
// caller holding the compiled columns and the rows checks them in one call.
func CheckColumns(ctx context.Context, m *semantic.Model, cols []semantic.Column, rows [][]any, statuses []catalog.Status, now time.Time) Findings {
	var found Findings
	for j, col := range cols {
		if col.Kind != "metric" {
			continue
		}
		values := make([]any, len(rows))
		for i, row := range rows {
			values[i] = row[j]
		}
		found = append(found, CheckResult(ctx, m, col.Metric, values, statuses, now)...)
	}
	return found
}
