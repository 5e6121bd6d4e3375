package reference

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/metricsd/metricsd/demo"
	"github.com/metricsd/metricsd/demo/withidentity"
	"github.com/metricsd/metricsd/internal/testpg"
	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/warehouse"
)

// definitionsDir is the reference model, relative to this package.
var definitionsDir = filepath.Join("..", "definitions")

// engines lists the engines the tests run on. testpg skips PostgreSQL when
// it is not reachable, and fails instead under CI=true.
var engines = []struct {
	name string
	dsn  func(t *testing.T) string
}{
	{"duckdb", func(*testing.T) string { return "duckdb:" }},
	{"postgres", func(t *testing.T) string { return testpg.Schema(t) }},
}

// demoWarehouse opens dsn, loads the seed-1 demo into it and resolves its
// customers into identity_map.
func demoWarehouse(t *testing.T, dsn string) *warehouse.Warehouse {
	t.Helper()
	ctx := context.Background()
	w, err := warehouse.Open(ctx, dsn, warehouse.Options{QueryTimeout: -1})
	if err != nil {
		t.Fatalf("open warehouse: %v", err)
	}
	t.Cleanup(func() { w.Close() })
	if _, _, err := withidentity.Load(ctx, w, demo.Config{Seed: 1}, demo.LoadOptions{}); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	if w.Dialect() == "postgres" {
		// The time-to-event metrics look up each lead's earliest activity.
		// Without this index PostgreSQL scans every activity per lead, and
		// the query runs for minutes on the demo.
		if _, err := w.DB().ExecContext(ctx, activitiesIndex); err != nil {
			t.Fatalf("index activities: %v", err)
		}
	}
	return w
}

// activitiesIndex is the index the reference model expects in PostgreSQL
// (docs/revenue-model.md lists it).
const activitiesIndex = `CREATE INDEX activities_lead_id ON activities (lead_id)`

// buildReference loads and builds definitions/, failing on any error.
func buildReference(t *testing.T) *semantic.Model {
	t.Helper()
	set, diags, err := load.Dir(definitionsDir)
	if err != nil || diags.HasErrors() {
		t.Fatalf("load %s: %v %v", definitionsDir, err, diags)
	}
	m, diags := semantic.Build(set)
	if diags.HasErrors() {
		t.Fatalf("build %s: %v", definitionsDir, diags.Errors())
	}
	return m
}
