package semantic

import (
	"database/sql"
	"strings"
	"testing"
)

// TestDuckDBDecimalProductOverflows pins why the DuckDB dialect widens
// decimal operands: without it, the money_widen_multiply case overflows.
func TestDuckDBDecimalProductOverflows(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v string
	err = db.QueryRow("SELECT CAST(CAST(90071992547409.93 AS DECIMAL(18, 2)) * CAST(1.0987 AS DECIMAL(12, 6)) AS VARCHAR)").Scan(&v)
	if err == nil || !strings.Contains(err.Error(), "Overflow") {
		t.Fatalf("unwidened product = %q, %v; want an overflow error", v, err)
	}
	err = db.QueryRow("SELECT CAST((CAST(90071992547409.93 AS DECIMAL(18, 2)) + CAST(0 AS DECIMAL(38, 0))) * CAST(1.0987 AS DECIMAL(12, 6)) AS VARCHAR)").Scan(&v)
	if err != nil || v != "98962098211839.29009100" {
		t.Fatalf("widened product = %q, %v; want 98962098211839.290091", v, err)
	}
}
