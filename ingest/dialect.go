package ingest

import "fmt"

// Dialects the loader writes to.
const (
	DialectDuckDB   = "duckdb"
	DialectPostgres = "postgres"
)

func checkDialect(d string) error {
	if d != DialectDuckDB && d != DialectPostgres {
		return fmt.Errorf("unsupported dialect %q: use duckdb or postgres", d)
	}
	return nil
}
