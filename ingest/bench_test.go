package ingest

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/metricsd/metricsd/internal/testpg"
)

// BenchmarkLoad20kRows loads a 20,000-row, seven-column CSV into a fresh
// table per iteration.
func BenchmarkLoad20kRows(b *testing.B) {
	dir := b.TempDir()
	var sb strings.Builder
	sb.WriteString("Order ID,Customer,Amount,Qty,Paid,Ordered,Shipped\n")
	for i := range 20000 {
		fmt.Fprintf(&sb, "O%d,c%d,%d.25,%d,true,01/01/2025,2025-01-02 10:00:00\n", i, i%7, i, i%5)
	}
	if err := os.WriteFile(filepath.Join(dir, "orders.csv"), []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Run(DialectDuckDB, func(b *testing.B) {
		for b.Loop() {
			db, err := sql.Open("duckdb", "")
			if err != nil {
				b.Fatal(err)
			}
			if _, err := Load(b.Context(), db, DialectDuckDB, ordersSource(), Options{BaseDir: dir}); err != nil {
				b.Fatal(err)
			}
			db.Close()
		}
	})
	b.Run(DialectPostgres, func(b *testing.B) {
		db, err := sql.Open("postgres", testpg.Schema(b))
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		for b.Loop() {
			if _, err := db.Exec("DROP TABLE IF EXISTS orders; DROP TABLE IF EXISTS metricsd_loads"); err != nil {
				b.Fatal(err)
			}
			if _, err := Load(b.Context(), db, DialectPostgres, ordersSource(), Options{BaseDir: dir}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
