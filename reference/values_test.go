package reference

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"
	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/warehouse"
)

// figures maps the group keys of a row, joined by "|", to its last
// column. Rows whose value is NULL are left out, so "no row" and "NULL"
// compare equal: the served side lists every channel when any metric of
// the query has it, the hand-written side only where a value exists.
type figures map[string]any

// served runs one metric through the engine, grouped by groupBy.
func served(t *testing.T, m *semantic.Model, w *warehouse.Warehouse, metric string, groupBy ...string) figures {
	t.Helper()
	c, diags := semantic.Compile(m, query.Query{Metrics: []string{metric}, GroupBy: groupBy}, w.Dialect())
	if diags.HasErrors() {
		t.Fatalf("compile %s by %v: %v", metric, groupBy, diags.Errors())
	}
	res, err := w.Query(context.Background(), c.SQL, c.Args)
	if err != nil {
		t.Fatalf("run %s by %v: %v", metric, groupBy, err)
	}
	return toFigures(res)
}

// hand runs a hand-written query whose last column is the value.
func hand(t *testing.T, w *warehouse.Warehouse, sql string) figures {
	t.Helper()
	res, err := w.Query(context.Background(), sql, nil)
	if err != nil {
		t.Fatalf("hand-written SQL failed: %v\n%s", err, sql)
	}
	return toFigures(res)
}

func toFigures(res *warehouse.Result) figures {
	out := figures{}
	for _, row := range res.Rows {
		last := len(row) - 1
		if row[last] == nil {
			continue
		}
		keys := make([]string, last)
		for i, k := range row[:last] {
			keys[i] = fmt.Sprint(k)
			if k == nil {
				keys[i] = "<null>"
			}
		}
		out[strings.Join(keys, "|")] = row[last]
	}
	return out
}

// decimal returns an exact value as a decimal; floats are refused, since
// an exact figure must never pass through one.
func decimal(v any) (*apd.Decimal, error) {
	switch x := v.(type) {
	case int64:
		return apd.New(x, 0), nil
	case *apd.Decimal:
		return x, nil
	}
	return nil, fmt.Errorf("%v is a %T, not an exact number", v, v)
}

// float returns v as a float64 for the floating-point metrics (ratios and
// time-to-event statistics).
func float(v any) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	case *apd.Decimal:
		f, _ := x.Float64()
		return f
	}
	panic(fmt.Sprintf("not a number: %v (%T)", v, v))
}

// sameExact fails unless got and want hold the same keys and each value
// is the same exact number.
func sameExact(t *testing.T, label string, got, want figures) {
	t.Helper()
	sameKeys(t, label, got, want)
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			continue
		}
		gd, err := decimal(g)
		if err != nil {
			t.Errorf("%s[%s]: served %v", label, k, err)
			continue
		}
		wd, err := decimal(w)
		if err != nil {
			t.Fatalf("%s[%s]: hand-written %v", label, k, err)
		}
		if gd.Cmp(wd) != 0 {
			t.Errorf("%s[%s] = %s; hand-written SQL returns %s", label, k, gd, wd)
		}
	}
}

// sameFloat fails unless got and want hold the same keys and each value
// agrees to 1e-12 relative (floating-point results of two engines' own
// arithmetic).
func sameFloat(t *testing.T, label string, got figures, want map[string]float64) {
	t.Helper()
	wf := figures{}
	for k, v := range want {
		wf[k] = v
	}
	sameKeys(t, label, got, wf)
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			continue
		}
		if _, isFloat := g.(float64); !isFloat {
			t.Errorf("%s[%s] = %v is a %T; want a float", label, k, g, g)
			continue
		}
		if d := math.Abs(float(g) - w); d > 1e-12*math.Max(1, math.Abs(w)) {
			t.Errorf("%s[%s] = %v; hand-written SQL returns %v", label, k, g, w)
		}
	}
}

func sameKeys(t *testing.T, label string, got, want figures) {
	t.Helper()
	for k := range want {
		if _, ok := got[k]; !ok {
			t.Errorf("%s: no served row for %s (hand-written: %v)", label, k, want[k])
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: served row %s = %v has no hand-written counterpart", label, k, got[k])
		}
	}
	if len(want) == 0 {
		t.Errorf("%s: hand-written SQL returned no rows", label)
	}
}

// ratioOf divides num by den per key, leaving out keys where either is
// missing or the denominator is zero (the engine returns NULL there).
func ratioOf(num, den figures) map[string]float64 {
	out := map[string]float64{}
	for k, n := range num {
		d, ok := den[k]
		if !ok || float(d) == 0 {
			continue
		}
		out[k] = float(n) / float(d)
	}
	return out
}

// ratioFilled is ratioOf with a missing numerator read as zero, for
// ratios whose numerator metric fills NULL with 0 (won_deals).
func ratioFilled(num, den figures) map[string]float64 {
	out := map[string]float64{}
	for k, d := range den {
		if float(d) == 0 {
			continue
		}
		n, ok := num[k]
		if !ok {
			out[k] = 0
			continue
		}
		out[k] = float(n) / float(d)
	}
	return out
}

// floats converts hand-written figures to float64.
func floats(f figures) map[string]float64 {
	out := map[string]float64{}
	for k, v := range f {
		out[k] = float(v)
	}
	return out
}
