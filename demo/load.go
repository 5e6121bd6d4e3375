package demo

import (
	"context"
	"fmt"
	"strings"

	"github.com/metricsd/metricsd/warehouse"
)

// loader is a Sink that writes into a warehouse and finishes with commit
// or abort.
type loader interface {
	Sink
	commit() error
	abort()
}

// LoadOptions control how Load treats existing tables.
type LoadOptions struct {
	// Replace drops existing tables named like the demo tables. Without
	// it, Load fails when any of them exists in the current schema, so a
	// mistyped DSN cannot drop a real leads or payments table.
	Replace bool
}

// Load creates the demo tables in w and streams freshly generated rows into
// them (the DuckDB Appender API, or COPY on PostgreSQL). On PostgreSQL each
// table loads in its own transaction on its own connection, so w needs at
// least seven open connections.
func Load(ctx context.Context, w *warehouse.Warehouse, cfg Config, opts LoadOptions) (Stats, error) {
	if !opts.Replace {
		if err := checkNoTables(ctx, w); err != nil {
			return nil, err
		}
	}
	if err := createTables(ctx, w); err != nil {
		return nil, err
	}
	var (
		l   loader
		err error
	)
	switch w.Dialect() {
	case warehouse.DialectDuckDB:
		l, err = newDuckDBLoader(ctx, w)
	case warehouse.DialectPostgres:
		l, err = newPostgresLoader(ctx, w)
	default:
		err = fmt.Errorf("demo load: unsupported dialect %q", w.Dialect())
	}
	if err != nil {
		return nil, err
	}
	stats, err := Generate(cfg, l)
	if err != nil {
		l.abort()
		return stats, fmt.Errorf("demo load: %w", err)
	}
	if err := l.commit(); err != nil {
		return stats, fmt.Errorf("demo load: %w", err)
	}
	return stats, nil
}

// checkNoTables fails when a demo table already exists in the current
// schema.
func checkNoTables(ctx context.Context, w *warehouse.Warehouse) error {
	var existing []string
	for _, t := range Tables {
		res, err := w.Query(ctx, `SELECT COUNT(*) FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_name = $1`, []any{t.Name})
		if err != nil {
			return fmt.Errorf("demo load: check for table %s: %w", t.Name, err)
		}
		if res.Rows[0][0] != int64(0) {
			existing = append(existing, t.Name)
		}
	}
	if len(existing) > 0 {
		return fmt.Errorf("demo load: tables %s already exist; replace them only if they hold demo data (metricsd demo --replace)", strings.Join(existing, ", "))
	}
	return nil
}

func createTables(ctx context.Context, w *warehouse.Warehouse) error {
	for _, t := range Tables {
		for _, stmt := range []string{"DROP TABLE IF EXISTS " + t.Name, t.CreateSQL(w.Dialect())} {
			if _, err := w.DB().ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("demo load: %s: %w", stmt, err)
			}
		}
	}
	return nil
}

// OpenInMemory opens an in-memory DuckDB warehouse with opts and loads the
// demo business for cfg into it: the zero-configuration warehouse. The
// data lives until the warehouse is closed.
func OpenInMemory(ctx context.Context, cfg Config, opts warehouse.Options) (*warehouse.Warehouse, Stats, error) {
	w, err := warehouse.Open(ctx, "duckdb:", opts)
	if err != nil {
		return nil, nil, err
	}
	stats, err := Load(ctx, w, cfg, LoadOptions{})
	if err != nil {
		w.Close()
		return nil, nil, err
	}
	return w, stats, nil
}
