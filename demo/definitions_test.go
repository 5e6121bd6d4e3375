package demo_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/metricsd/metricsd/demo"
	"github.com/metricsd/metricsd/demo/withidentity"
	"github.com/metricsd/metricsd/internal/testpg"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/warehouse"
)

// TestDefinitionsRunOnDemo selects every entity, dimension and measure
// expression of the reference definitions from its model's table or SQL,
// on the demo data in both engines, so a typo or a dialect difference in
// definitions/ fails here rather than in a user's query.
func TestDefinitionsRunOnDemo(t *testing.T) {
	set, diags, err := load.Dir(filepath.Join("..", "definitions"))
	if err != nil || diags.HasErrors() {
		t.Fatalf("load definitions: %v %v", err, diags)
	}
	engines := map[string]func(t *testing.T) *warehouse.Warehouse{
		"duckdb":   func(t *testing.T) *warehouse.Warehouse { return loadResolved(t, "duckdb:") },
		"postgres": func(t *testing.T) *warehouse.Warehouse { return loadResolved(t, testpg.Schema(t)) },
	}
	for _, name := range []string{"duckdb", "postgres"} {
		t.Run(name, func(t *testing.T) {
			w := engines[name](t)
			for _, m := range set.SemanticModels {
				res := query(t, w, modelProbe(m))
				if n := res.Rows[0][0].(int64); n == 0 {
					t.Errorf("model %s has no rows on the demo", m.Name)
				}
			}
		})
	}
}

// modelProbe counts a model's rows and evaluates each of its expressions
// once, aggregated so the result is one row.
func modelProbe(m *model.SemanticModel) string {
	from := m.Table
	if from == "" {
		from = "(" + m.SQL.Text + ")"
	}
	cols := []string{"COUNT(*)"}
	for _, e := range m.Entities {
		cols = append(cols, fmt.Sprintf("COUNT(%s)", exprOr(e.Expr, e.Name)))
	}
	for _, d := range m.Dimensions {
		cols = append(cols, fmt.Sprintf("COUNT(%s)", exprOr(d.Expr, d.Name)))
	}
	for _, ms := range m.Measures {
		cols = append(cols, fmt.Sprintf("COUNT(%s)", exprOr(ms.Expr, ms.Name)))
	}
	return fmt.Sprintf("SELECT %s FROM %s m", strings.Join(cols, ", "), from)
}

func exprOr(e model.Expr, name string) string {
	if e.IsZero() {
		return name
	}
	return e.Text
}

// loadResolved loads the seed-1 demo into dsn and resolves its customers,
// since the models join identity_map.
func loadResolved(t *testing.T, dsn string) *warehouse.Warehouse {
	t.Helper()
	w, err := warehouse.Open(context.Background(), dsn, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	if _, _, err := withidentity.Load(context.Background(), w, demo.Config{Seed: 1}, demo.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	return w
}
