package demo

import (
	"context"
	"fmt"

	"github.com/metricsd/metricsd/warehouse"
)

// loader is a Sink that writes into a warehouse and finishes with commit
// or abort.
type loader interface {
	Sink
	commit() error
	abort()
}

// Load replaces the demo tables in w with freshly generated data: it drops
// tables of the same names, creates them and streams rows in (the DuckDB
// Appender API, or COPY on PostgreSQL). On PostgreSQL each table loads in
// its own transaction on its own connection, so w needs at least seven
// open connections.
func Load(ctx context.Context, w *warehouse.Warehouse, cfg Config) (Stats, error) {
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
