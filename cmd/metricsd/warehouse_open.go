package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2" // DuckDB driver
	_ "github.com/lib/pq"              // PostgreSQL driver
)

// openWarehouse opens a DSN: "duckdb:" (in memory), "duckdb:/path/file.duckdb"
// or a postgres:// URL. It returns the connection pool and its dialect.
// NOTE: a stopgap until the warehouse package's Open is available here.
func openWarehouse(ctx context.Context, dsn string) (*sql.DB, string, error) {
	var driver, dialect, conn string
	switch {
	case dsn == "duckdb" || strings.HasPrefix(dsn, "duckdb:"):
		driver, dialect, conn = "duckdb", "duckdb", strings.TrimPrefix(strings.TrimPrefix(dsn, "duckdb"), ":")
	case strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://"):
		driver, dialect, conn = "postgres", "postgres", dsn
	default:
		return nil, "", fmt.Errorf("unsupported DSN %q: use duckdb:, duckdb:/path/file.duckdb or postgres://user@host/db", dsn)
	}
	db, err := sql.Open(driver, conn)
	if err != nil {
		return nil, "", fmt.Errorf("open %s warehouse: %w", dialect, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, "", fmt.Errorf("connect to %s warehouse: %w", dialect, err)
	}
	return db, dialect, nil
}
