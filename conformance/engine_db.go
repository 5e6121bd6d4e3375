package conformance

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"

	duckdb "github.com/duckdb/duckdb-go/v2"
	_ "github.com/lib/pq" // PostgreSQL driver
)

// Dialects the corpus runs on.
const (
	DuckDB   = "duckdb"
	Postgres = "postgres"
)

// SessionTimeZone is the session time zone of every connection the runner
// opens. It is deliberately neither UTC nor a query time zone of any case
// (+05:45 all year), so SQL that silently depends on the session zone
// instead of the query's time zone returns wrong rows.
const SessionTimeZone = "Asia/Kathmandu"

// OpenDuckDB opens a fresh in-memory DuckDB database.
func OpenDuckDB() (*sql.DB, error) {
	connector, err := duckdb.NewConnector("", func(execer driver.ExecerContext) error {
		_, err := execer.ExecContext(context.Background(), "SET TimeZone = '"+SessionTimeZone+"'", nil)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("open DuckDB in memory: %w", err)
	}
	return sql.OpenDB(connector), nil
}

// OpenPostgres opens dsn (a postgres:// URL, typically with a search_path
// of its own) with the session time zone set.
func OpenPostgres(dsn string) (*sql.DB, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, fmt.Errorf("parse PostgreSQL URL: %w", err)
	}
	q := u.Query()
	q.Set("timezone", SessionTimeZone)
	u.RawQuery = q.Encode()
	db, err := sql.Open("postgres", u.String())
	if err != nil {
		return nil, fmt.Errorf("open PostgreSQL: %w", err)
	}
	return db, nil
}
