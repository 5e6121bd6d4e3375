// Package warehouse opens the SQL engines metricsd runs queries on
// (embedded DuckDB, PostgreSQL) and returns their results as typed,
// exact values.
//
// Every result column carries a type, and decimals stay *apd.Decimal from
// the driver to the caller. Every failure is an *Error with a stable code,
// so the server can tell a client whether to retry, fix the query or wait
// for the warehouse.
package warehouse

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"log/slog"
	"time"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/jmoiron/sqlx"

	_ "github.com/lib/pq" // registers driver "postgres"
)

// Options tune the connection pool and query limits. Zero values take the
// defaults below; a negative duration disables that limit.
type Options struct {
	// MaxOpenConns caps concurrent connections (default 8).
	MaxOpenConns int
	// MaxIdleConns caps pooled idle connections (default MaxOpenConns).
	MaxIdleConns int
	// ConnMaxLifetime recycles connections older than this (default 30m;
	// DuckDB connections are never recycled by age).
	ConnMaxLifetime time.Duration
	// QueryTimeout bounds each Query (default 60s). On PostgreSQL it is
	// also the connection's statement_timeout, so the server stops the
	// statement even if the client dies.
	QueryTimeout time.Duration
	// ConnectTimeout bounds dialing PostgreSQL (default 5s, whole seconds).
	ConnectTimeout time.Duration
	// MaxRows stops reading a result after this many rows and marks it
	// truncated (default 0: no limit).
	MaxRows int
	// Logger receives one line per Query (nil: no logging).
	Logger *slog.Logger
}

// Defaults for Options.
const (
	DefaultMaxOpenConns    = 8
	DefaultConnMaxLifetime = 30 * time.Minute
	DefaultQueryTimeout    = 60 * time.Second
	DefaultConnectTimeout  = 5 * time.Second
)

func (o Options) withDefaults() Options {
	if o.MaxOpenConns <= 0 {
		o.MaxOpenConns = DefaultMaxOpenConns
	}
	if o.MaxIdleConns <= 0 {
		o.MaxIdleConns = o.MaxOpenConns
	}
	if o.ConnMaxLifetime == 0 {
		o.ConnMaxLifetime = DefaultConnMaxLifetime
	}
	if o.QueryTimeout == 0 {
		o.QueryTimeout = DefaultQueryTimeout
	}
	if o.ConnectTimeout == 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}
	return o
}

// Warehouse is a pool of connections to one database. It is safe for
// concurrent use; database/sql replaces broken connections, so a warehouse
// that comes back after an outage is used again without reopening.
type Warehouse struct {
	db      *sqlx.DB
	dialect string
	opts    Options
}

// Open parses dsn and creates the connection pool. It does not contact a
// PostgreSQL server, so a server that is down at start-up does not prevent
// opening; call Ping to check reachability. A DuckDB file is opened (and
// created when missing) here, so a bad path fails at Open.
func Open(ctx context.Context, dsn string, opts Options) (*Warehouse, error) {
	opts = opts.withDefaults()
	t, err := parseDSN(dsn, opts)
	if err != nil {
		return nil, err
	}
	db, err := openDB(t)
	if err != nil {
		return nil, fmt.Errorf("open %s warehouse %s: %w", t.dialect, redactDSN(dsn), err)
	}
	db.SetMaxOpenConns(opts.MaxOpenConns)
	db.SetMaxIdleConns(opts.MaxIdleConns)
	if t.dialect == DialectPostgres && opts.ConnMaxLifetime > 0 {
		db.SetConnMaxLifetime(opts.ConnMaxLifetime)
	}
	w := &Warehouse{db: db, dialect: t.dialect, opts: opts}
	if t.dialect == DialectDuckDB {
		// DuckDB opens the database file when the first connection is
		// made; do it now so a bad path is reported by Open.
		if err := w.Ping(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	return w, nil
}

// openDB creates the pool. Every DuckDB connection starts with its session
// TimeZone set to UTC, as parseDSN does for PostgreSQL, so casts between
// TIMESTAMP and TIMESTAMPTZ and date_trunc on TIMESTAMPTZ give the same
// result on every machine; DuckDB otherwise uses the machine's zone.
func openDB(t target) (*sqlx.DB, error) {
	if t.driver != "duckdb" {
		return sqlx.Open(t.driver, t.driverDSN)
	}
	connector, err := duckdb.NewConnector(t.driverDSN, func(execer driver.ExecerContext) error {
		_, err := execer.ExecContext(context.Background(), "SET TimeZone = 'UTC'", nil)
		return err
	})
	if err != nil {
		return nil, err
	}
	return sqlx.NewDb(sql.OpenDB(connector), "duckdb"), nil
}

// Dialect returns "duckdb" or "postgres".
func (w *Warehouse) Dialect() string { return w.dialect }

// DB returns the underlying pool for loaders and schema set-up. Queries that
// serve results go through Query so they get timeouts and typed values.
func (w *Warehouse) DB() *sqlx.DB { return w.db }

// Options returns the effective options, defaults applied.
func (w *Warehouse) Options() Options { return w.opts }

// Ping checks that a connection can be made within ConnectTimeout and
// returns an *Error (UNREACHABLE when the server cannot be reached).
func (w *Warehouse) Ping(ctx context.Context) error {
	if w.opts.ConnectTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, w.opts.ConnectTimeout)
		defer cancel()
	}
	if err := w.db.PingContext(ctx); err != nil {
		e := classify(ctx, w.dialect, err)
		if e.Code == CodeTimeout {
			// A dial that does not finish in time means the server is
			// not reachable, not that a query was slow.
			e.Code = CodeUnreachable
		}
		return e
	}
	return nil
}

// Close closes every connection. An in-memory DuckDB database is gone
// afterwards.
func (w *Warehouse) Close() error { return w.db.Close() }
