package semantic

import (
	"database/sql"
	"encoding/csv"
	"fmt"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"
	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/metricsd/metricsd/internal/testpg"
)

// TestRun executes every golden case that has seed.sql and expected.csv on
// DuckDB and on PostgreSQL (skipped when unreachable, required under CI),
// asserting the exact rows.
func TestRun(t *testing.T) {
	seeds, _ := filepath.Glob("testdata/*/seed.sql")
	if len(seeds) == 0 {
		t.Fatal("no runnable cases (testdata/*/seed.sql)")
	}
	for _, seed := range seeds {
		dir := filepath.Dir(seed)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			m, diags := buildDir(t, filepath.Join(dir, "definitions"))
			if m == nil {
				t.Fatalf("build:\n%s", formatDiags(diags))
			}
			q := readQuery(t, filepath.Join(dir, "query.yaml"))
			want := readExpected(t, filepath.Join(dir, "expected.csv"))
			onEngines(t, readFile(t, seed), func(t *testing.T, dialect string, db *sql.DB) {
				c, ds := Compile(m, q, dialect)
				if ds.HasErrors() {
					t.Fatalf("compile:\n%s", formatDiags(ds))
				}
				assertRows(t, db, c, want)
			})
		})
	}
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// sessionZone is set on every test connection so SQL that depended on the
// session time zone instead of the query's would give wrong buckets.
const sessionZone = "SET TimeZone = 'Asia/Kathmandu';\n"

// onEngines seeds a fresh DuckDB and a fresh PostgreSQL schema with the same
// SQL and runs fn on each.
func onEngines(t *testing.T, seed string, fn func(t *testing.T, dialect string, db *sql.DB)) {
	t.Run("duckdb", func(t *testing.T) {
		db, err := sql.Open("duckdb", "")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		db.SetMaxOpenConns(1) // one in-memory database per test
		execSeed(t, db, sessionZone+seed)
		fn(t, "duckdb", db)
	})
	t.Run("postgres", func(t *testing.T) {
		db, err := sql.Open("postgres", testpg.Schema(t))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		db.SetMaxOpenConns(1) // keep the session time zone
		execSeed(t, db, sessionZone+seed)
		fn(t, "postgres", db)
	})
}

func execSeed(t *testing.T, db *sql.DB, seed string) {
	t.Helper()
	for _, stmt := range strings.Split(seed, ";") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("seed %q: %v", strings.TrimSpace(stmt), err)
		}
	}
}

// readExpected reads a CSV whose header names the columns; NULL is written
// as NULL.
func readExpected(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

func assertRows(t *testing.T, db *sql.DB, c *Compiled, want [][]string) {
	t.Helper()
	rows, err := db.Query(c.SQL, c.Args...)
	if err != nil {
		t.Fatalf("run:\n%s\nargs %v\nerror: %v", c.SQL, c.Args, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	got := [][]any{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		got = append(got, vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(cols, ",") != strings.Join(want[0], ",") {
		t.Fatalf("columns %v, want %v", cols, want[0])
	}
	if len(got) != len(want)-1 {
		t.Fatalf("%d rows, want %d:\n%s", len(got), len(want)-1, formatRows(got))
	}
	for i, row := range got {
		for j, v := range row {
			if !cellEqual(v, want[i+1][j]) {
				t.Errorf("row %d column %s = %s, want %s\nall rows:\n%s", i+1, cols[j], cellString(v), want[i+1][j], formatRows(got))
			}
		}
	}
}

func formatRows(rows [][]any) string {
	var b strings.Builder
	for _, r := range rows {
		parts := make([]string, len(r))
		for i, v := range r {
			parts[i] = cellString(v)
		}
		fmt.Fprintln(&b, strings.Join(parts, ","))
	}
	return b.String()
}

// cellString writes a driver value the way expected.csv does: decimals
// exactly, dates as 2006-01-02, timestamps without zone. A timestamp at
// midnight is written as its date, so expected.csv writes it that way too.
func cellString(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return string(v)
	case duckdb.Decimal:
		return v.String()
	case *big.Int:
		return v.String()
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			return v.Format("2006-01-02")
		}
		return v.Format("2006-01-02 15:04:05")
	case float64:
		return fmt.Sprintf("%.6f", v)
	}
	return fmt.Sprint(v)
}

// cellEqual compares numerically when both sides are numbers: exactly for
// integers and decimals, within 1e-6 for floats.
func cellEqual(v any, want string) bool {
	got := cellString(v)
	if got == want {
		return true
	}
	if f, ok := v.(float64); ok {
		var w float64
		if _, err := fmt.Sscan(want, &w); err != nil {
			return false
		}
		return math.Abs(f-w) <= 1e-6
	}
	a, _, err1 := apd.NewFromString(got)
	b, _, err2 := apd.NewFromString(want)
	if err1 != nil || err2 != nil {
		return false
	}
	if a.Cmp(b) == 0 {
		return true
	}
	// a quotient rounded in expected.csv: compare within 1e-6
	if -a.Exponent <= 6 {
		return false
	}
	var diff apd.Decimal
	apd.BaseContext.WithPrecision(40).Sub(&diff, a, b)
	diff.Abs(&diff)
	return diff.Cmp(apd.New(1, -6)) <= 0
}
