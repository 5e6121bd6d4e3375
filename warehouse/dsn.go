package warehouse

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Dialects a warehouse can speak.
const (
	DialectDuckDB   = "duckdb"
	DialectPostgres = "postgres"
)

// target is a parsed DSN: the database/sql driver, the driver's own DSN and
// the SQL dialect.
type target struct {
	driver    string
	driverDSN string
	dialect   string
}

// parseDSN picks the engine from the DSN's scheme. "duckdb:" alone is an
// in-memory database; "duckdb:PATH" opens or creates the file at PATH (DuckDB
// options may follow as "?key=value"). "postgres://" and "postgresql://" URLs
// go to lib/pq with statement_timeout, connect_timeout and a UTC session
// timezone added unless the URL sets them.
func parseDSN(dsn string, opts Options) (target, error) {
	switch {
	case strings.HasPrefix(dsn, "duckdb:"):
		return target{driver: "duckdb", driverDSN: strings.TrimPrefix(dsn, "duckdb:"), dialect: DialectDuckDB}, nil
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		u, err := url.Parse(dsn)
		if err != nil {
			return target{}, fmt.Errorf("invalid PostgreSQL URL: %w", redactURLError(err))
		}
		q := u.Query()
		if opts.QueryTimeout > 0 && q.Get("statement_timeout") == "" {
			q.Set("statement_timeout", strconv.FormatInt(opts.QueryTimeout.Milliseconds(), 10))
		}
		if q.Get("timezone") == "" && q.Get("TimeZone") == "" {
			q.Set("timezone", "UTC")
		}
		if opts.ConnectTimeout > 0 && q.Get("connect_timeout") == "" {
			// lib/pq takes whole seconds; round up so a sub-second value
			// still bounds the dial.
			secs := int64((opts.ConnectTimeout + time.Second - 1) / time.Second)
			q.Set("connect_timeout", strconv.FormatInt(secs, 10))
		}
		u.RawQuery = q.Encode()
		return target{driver: "postgres", driverDSN: u.String(), dialect: DialectPostgres}, nil
	default:
		return target{}, fmt.Errorf("unsupported DSN %q: use \"duckdb:\" (in memory), \"duckdb:/path/file.duckdb\" or \"postgres://user@host:5432/db\"", redactDSN(dsn))
	}
}

// redactDSN hides a password in a URL-shaped DSN so it can appear in errors.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		if i := strings.Index(dsn, "@"); i >= 0 {
			return "…" + dsn[i:]
		}
		return dsn
	}
	return u.Redacted()
}

// redactURLError drops the URL from a url.Error, because it may carry a
// password.
func redactURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}
