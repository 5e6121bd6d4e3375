package warehouse_test

import (
	"context"
	"testing"

	"github.com/metricsd/metricsd/internal/testpg"
	"github.com/metricsd/metricsd/warehouse"
)

// engine is a warehouse under test with its name for subtest labels.
type engine struct {
	name string
	open func(t *testing.T, opts warehouse.Options) *warehouse.Warehouse
}

// engines returns an in-memory DuckDB and, when reachable, a PostgreSQL
// schema of the test's own.
func engines() []engine {
	return []engine{
		{"duckdb", func(t *testing.T, opts warehouse.Options) *warehouse.Warehouse {
			return openOrFail(t, "duckdb:", opts)
		}},
		{"postgres", func(t *testing.T, opts warehouse.Options) *warehouse.Warehouse {
			return openOrFail(t, testpg.Schema(t), opts)
		}},
	}
}

func openOrFail(t *testing.T, dsn string, opts warehouse.Options) *warehouse.Warehouse {
	t.Helper()
	w, err := warehouse.Open(context.Background(), dsn, opts)
	if err != nil {
		t.Fatalf("Open(%q): %v", dsn, err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func mustExec(t *testing.T, w *warehouse.Warehouse, query string, args ...any) {
	t.Helper()
	if _, err := w.DB().ExecContext(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func mustQuery(t *testing.T, w *warehouse.Warehouse, query string, args ...any) *warehouse.Result {
	t.Helper()
	res, err := w.Query(context.Background(), query, args)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return res
}
