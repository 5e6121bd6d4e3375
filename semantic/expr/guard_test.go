package expr

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"

	"github.com/metricsd/metricsd/semantic/diag"
)

func guardVars(age time.Duration) map[string]any {
	now := time.Date(2024, 3, 3, 12, 0, 0, 0, time.UTC)
	return map[string]any{
		"value":  125.5,
		"rows":   3,
		"metric": "ad_spend_total",
		"now":    now,
		"sources": map[string]map[string]any{
			"ad_spend": {"age": age, "newest": now.Add(-age), "status": "warn"},
		},
	}
}

func mustGuard(t *testing.T, text string) *Guard {
	t.Helper()
	g, diags := CompileGuardText(text)
	if len(diags) > 0 {
		t.Fatalf("CompileGuardText(%q): %v", text, diags)
	}
	return g
}

func TestGuardEval(t *testing.T) {
	cases := []struct {
		guard string
		age   time.Duration
		want  bool
	}{
		{"sources.ad_spend.age > duration('36h')", 40 * time.Hour, true},
		{"sources.ad_spend.age > duration('36h')", 2 * time.Hour, false},
		{"now - sources.ad_spend.newest > duration('36h')", 40 * time.Hour, true},
		{"sources.ad_spend.status == 'warn' && rows > 0", time.Hour, true},
		{"value > 100", time.Hour, true},
		{"value < 100.0 || metric != 'ad_spend_total'", time.Hour, false},
		{"sources.exists(s, sources[s].status == 'error')", time.Hour, false},
		{"'crm' in sources && sources.crm.age > duration('1h')", time.Hour, false},
	}
	for _, c := range cases {
		g := mustGuard(t, c.guard)
		got, err := g.Eval(context.Background(), guardVars(c.age))
		if err != nil {
			t.Errorf("Eval(%q): %v", c.guard, err)
			continue
		}
		if got != c.want {
			t.Errorf("Eval(%q) with age %v = %v, want %v", c.guard, c.age, got, c.want)
		}
	}
}

func TestGuardMissingSourceKey(t *testing.T) {
	g := mustGuard(t, "sources.crm.age > duration('1h')")
	_, err := g.Eval(context.Background(), guardVars(time.Hour))
	if err == nil || !strings.Contains(err.Error(), "no such key: crm") {
		t.Errorf("Eval error = %v, want no such key: crm", err)
	}
}

func TestGuardMissingValue(t *testing.T) {
	g := mustGuard(t, "value > 100.0")
	vars := guardVars(time.Hour)
	delete(vars, "value")
	_, err := g.Eval(context.Background(), vars)
	if err == nil || !strings.Contains(err.Error(), "value is not set") {
		t.Errorf("Eval error = %v, want value is not set", err)
	}
	if got, want := g.Names(), []string{"value"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
}

// tenThousand is a guard that visits 10^4 list elements, which costs about
// 227,000 units, far over GuardCostLimit.
const tenThousand = "[1,2,3,4,5,6,7,8,9,10].map(a, [1,2,3,4,5,6,7,8,9,10].map(b, " +
	"[1,2,3,4,5,6,7,8,9,10].map(c, [1,2,3,4,5,6,7,8,9,10].map(d, a + b + c + d)))).size() > 0"

func TestGuardCostLimit(t *testing.T) {
	g := mustGuard(t, tenThousand)
	_, err := g.Eval(context.Background(), guardVars(time.Hour))
	if !errors.Is(err, ErrGuardCostLimit) {
		t.Errorf("Eval error = %v, want ErrGuardCostLimit", err)
	}
}

func TestGuardCancelled(t *testing.T) {
	g := mustGuard(t, "[1,2,3,4,5,6,7,8,9,10].map(a, [1,2,3,4,5,6,7,8,9,10].map(b, a + b)).size() > 0")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := g.Eval(ctx, guardVars(time.Hour))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Eval error = %v, want context.Canceled", err)
	}
}

func TestGuardDiagnostics(t *testing.T) {
	cases := []struct {
		guard       string
		code        diag.Code
		col         int
		suggestions []string
	}{
		{"sorces.ad_spend.age > duration('1h')", diag.CELUnknownName, 1, []string{"sources.ad_spend.age"}},
		{"metric > 5", diag.CELType, 8, nil},
		{"rows", diag.CELType, 1, nil},
		{"rows >", diag.CELSyntax, 7, nil},
		{"lower(metric) == 'x'", diag.CELUnknownName, 6, nil},
	}
	for _, c := range cases {
		g, diags := CompileGuardText(c.guard)
		if g != nil || len(diags) == 0 {
			t.Errorf("CompileGuardText(%q) succeeded, want %s", c.guard, c.code)
			continue
		}
		d := diags[0]
		if d.Code != c.code || d.Pos != (diag.Pos{Line: 1, Col: c.col}) {
			t.Errorf("%q: got %s at %v, want %s at 1:%d (%v)", c.guard, d.Code, d.Pos, c.code, c.col, diags)
		}
		if c.suggestions != nil && !reflect.DeepEqual(d.Suggestions, c.suggestions) {
			t.Errorf("%q: suggestions = %v, want %v", c.guard, d.Suggestions, c.suggestions)
		}
	}
}

func TestGuardValueTypes(t *testing.T) {
	g := mustGuard(t, "value > 100.5")
	cases := []struct {
		value any
		want  bool
	}{
		{100.75, true},
		{int64(100), false},
		{101, true},
		{apd.New(10051, -2), true},
		{apd.New(10050, -2), false},
	}
	for _, c := range cases {
		vars := guardVars(time.Hour)
		vars["value"] = c.value
		got, err := g.Eval(context.Background(), vars)
		if err != nil {
			t.Errorf("value %v: %v", c.value, err)
			continue
		}
		if got != c.want {
			t.Errorf("value %v: got %v, want %v", c.value, got, c.want)
		}
	}
	vars := guardVars(time.Hour)
	vars["value"] = nil
	if _, err := g.Eval(context.Background(), vars); err == nil || !strings.Contains(err.Error(), "value is NULL") {
		t.Errorf("nil value: error = %v, want value is NULL", err)
	}
}

func TestGuardSources(t *testing.T) {
	g := mustGuard(t, "sources.ad_spend.age > duration('1h') ||\n  sources['crm'].status == 'error' || has(sources.ledger)")
	want := []SourceRef{
		{Name: "ad_spend", Pos: diag.Pos{Line: 1, Col: 9}},
		{Name: "crm", Pos: diag.Pos{Line: 2, Col: 11}},
		{Name: "ledger", Pos: diag.Pos{Line: 2, Col: 51}},
	}
	if got := g.Sources(); !reflect.DeepEqual(got, want) {
		t.Errorf("Sources() = %v, want %v", got, want)
	}
}
