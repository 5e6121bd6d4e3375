package ingest

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
	_ "github.com/lib/pq"

	"github.com/metricsd/metricsd/internal/testpg"
)

// engine is a fresh, empty warehouse for one test.
type engine struct {
	dialect string
	db      *sql.DB
}

// forEachEngine runs fn on an in-memory DuckDB and, when reachable, on a
// fresh PostgreSQL schema.
func forEachEngine(t *testing.T, fn func(t *testing.T, e engine)) {
	t.Run(DialectDuckDB, func(t *testing.T) {
		db, err := sql.Open("duckdb", "")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		fn(t, engine{dialect: DialectDuckDB, db: db})
	})
	t.Run(DialectPostgres, func(t *testing.T) {
		dsn := testpg.Schema(t)
		db, err := sql.Open("postgres", dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		fn(t, engine{dialect: DialectPostgres, db: db})
	})
}

// writeFile writes content under dir and returns its path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// queryStrings runs q and returns every row as text values ("NULL" for
// NULL).
func queryStrings(t *testing.T, db *sql.DB, q string, args ...any) [][]string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = "NULL"
			if v.Valid {
				row[i] = v.String
			}
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// countRows returns the rows of table, or -1 when the table does not exist.
func countRows(t *testing.T, e engine, table string) int {
	t.Helper()
	ok, err := TableExists(t.Context(), e.db, e.dialect, table)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		return -1
	}
	var n int
	if err := e.db.QueryRow("SELECT count(*) FROM " + quoteIdent(table)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
