package identity

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Dialects the store writes.
const (
	DialectDuckDB   = "duckdb"
	DialectPostgres = "postgres"
)

// schema creates the identity tables in plain SQL that DuckDB and
// PostgreSQL both accept. Lookup keys are primary keys. A run only inserts
// rows, updates non-key columns or deletes rows. It never deletes and
// re-inserts one key in a transaction, because older DuckDB versions
// reject that.
var schema = []string{
	`CREATE TABLE IF NOT EXISTS identity_runs (
		run_id BIGINT PRIMARY KEY,
		started_at TIMESTAMP NOT NULL,
		finished_at TIMESTAMP NOT NULL,
		status TEXT NOT NULL,
		forced BOOLEAN NOT NULL,
		records BIGINT NOT NULL,
		identifiers BIGINT NOT NULL,
		customers BIGINT NOT NULL,
		links BIGINT NOT NULL,
		new_customers BIGINT NOT NULL,
		merged BIGINT NOT NULL,
		split BIGINT NOT NULL,
		moved BIGINT NOT NULL,
		retired BIGINT NOT NULL,
		removed BIGINT NOT NULL,
		blocked BIGINT NOT NULL,
		quarantined BIGINT NOT NULL,
		conflicts BIGINT NOT NULL,
		churned BIGINT NOT NULL,
		prior_records BIGINT NOT NULL,
		message TEXT NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS identity_registry (
		customer_id TEXT PRIMARY KEY,
		anchor_source TEXT NOT NULL,
		anchor_key TEXT NOT NULL,
		anchor_first_seen TIMESTAMP,
		issued_run BIGINT NOT NULL,
		status TEXT NOT NULL,
		merged_into TEXT,
		split_from TEXT,
		updated_run BIGINT NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS identity_aliases (
		alias_id TEXT PRIMARY KEY,
		customer_id TEXT NOT NULL,
		run_id BIGINT NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS identity_map (
		source TEXT NOT NULL,
		record_key TEXT NOT NULL,
		customer_id TEXT NOT NULL,
		PRIMARY KEY (source, record_key))`,
	`CREATE TABLE IF NOT EXISTS identity_links (
		run_id BIGINT NOT NULL,
		customer_id TEXT NOT NULL,
		a_source TEXT NOT NULL,
		a_key TEXT NOT NULL,
		b_source TEXT NOT NULL,
		b_key TEXT NOT NULL,
		identifier_type TEXT NOT NULL,
		identifier_value TEXT NOT NULL,
		rule TEXT NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS identity_blocked (
		run_id BIGINT NOT NULL,
		identifier_type TEXT NOT NULL,
		value TEXT NOT NULL,
		reason TEXT NOT NULL,
		detail TEXT NOT NULL,
		records BIGINT NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS identity_conflicts (
		run_id BIGINT NOT NULL,
		rule TEXT NOT NULL,
		a_source TEXT NOT NULL,
		a_key TEXT NOT NULL,
		b_source TEXT NOT NULL,
		b_key TEXT NOT NULL,
		identifier_type TEXT NOT NULL,
		identifier_value TEXT NOT NULL,
		detail TEXT NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS identity_overrides (
		rule TEXT NOT NULL,
		a_source TEXT NOT NULL,
		a_key TEXT NOT NULL,
		b_source TEXT NOT NULL,
		b_key TEXT NOT NULL,
		note TEXT)`,
}

// EnsureSchema creates the identity tables that do not exist yet.
func EnsureSchema(ctx context.Context, db *sql.DB, dialect string) error {
	if err := checkDialect(dialect); err != nil {
		return err
	}
	for _, stmt := range schema {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("create identity tables: %w", err)
		}
	}
	return nil
}

func checkDialect(dialect string) error {
	if dialect != DialectDuckDB && dialect != DialectPostgres {
		return fmt.Errorf("unsupported dialect %q: use %s or %s", dialect, DialectDuckDB, DialectPostgres)
	}
	return nil
}

// Tables returns the names of the identity tables, in creation order, so
// that a loader that replaces the resolved data can drop them too.
func Tables() []string {
	names := make([]string, len(schema))
	for i, stmt := range schema {
		rest := strings.TrimPrefix(stmt, "CREATE TABLE IF NOT EXISTS ")
		names[i] = rest[:strings.IndexByte(rest, ' ')]
	}
	return names
}
