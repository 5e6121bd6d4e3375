package demo_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/metricsd/metricsd/demo"
	"github.com/metricsd/metricsd/internal/testpg"
	"github.com/metricsd/metricsd/warehouse"
)

// totals sums every table's rows and money columns, as text, so the two
// engines can be compared exactly.
const totals = `
SELECT (SELECT COUNT(*) FROM leads) AS leads,
	(SELECT COUNT(*) FROM activities) AS activities,
	(SELECT SUM(spend) FROM ad_spend) AS spend,
	(SELECT SUM(platform_conversion_value) FROM ad_spend) AS claimed,
	(SELECT SUM(amount) FROM deals) AS deals,
	(SELECT SUM(amount) FROM invoices) AS invoiced,
	(SELECT SUM(amount) FROM payments WHERE status = 'succeeded') AS paid,
	(SELECT SUM(amount) FROM ledger_entries WHERE account = 'cogs') AS cogs,
	(SELECT COUNT(DISTINCT customer_id) FROM leads) AS contacts,
	(SELECT MAX(created_at) FROM leads) AS newest_lead,
	(SELECT MIN(day) FROM ad_spend) AS first_day`

func totalsText(t *testing.T, w *warehouse.Warehouse) []string {
	t.Helper()
	res := query(t, w, totals)
	out := make([]string, len(res.Rows[0]))
	for i, v := range res.Rows[0] {
		out[i] = res.Columns[i].Name + "=" + formatAny(v)
	}
	return out
}

func TestLoadPostgresMatchesDuckDB(t *testing.T) {
	dsn := testpg.Schema(t)
	duck := loadDuckDB(t)
	pg, err := warehouse.Open(context.Background(), dsn, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	stats, err := demo.Load(context.Background(), pg, demo.Config{Seed: 1}, demo.LoadOptions{})
	if err != nil {
		t.Fatalf("Load into PostgreSQL: %v", err)
	}
	if stats.Total() != 138657 {
		t.Errorf("loaded %d rows, want 138657", stats.Total())
	}
	want, got := totalsText(t, duck), totalsText(t, pg)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("PostgreSQL totals\n%s\nDuckDB totals\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	t.Logf("totals: %s", strings.Join(got, " "))
}

func TestDuckDBTotals(t *testing.T) {
	w := loadDuckDB(t)
	want := []string{"leads=29714", "activities=82827", "spend=949361.61", "claimed=4154722.00",
		"deals=9259988.00", "invoiced=3634300.18", "paid=3437495.18", "cogs=1544280.57",
		"contacts=28461", "newest_lead=2026-11-30T23:", "first_day=2025-06-01"}
	got := totalsText(t, w)
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("%s, want %s", got[i], want[i])
		}
	}
}

func TestCSVSinkWritesEveryTable(t *testing.T) {
	dir := t.TempDir()
	sink, err := demo.NewCSVSink(dir)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := demo.Generate(demo.Config{Seed: 1}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	for _, table := range demo.Tables {
		data, err := os.ReadFile(filepath.Join(dir, table.Name+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(string(data), "\n")
		// Emails padded with a newline are quoted fields spanning two
		// lines, so leads have more lines than rows.
		if int64(lines) < stats[table.Name]+1 {
			t.Errorf("%s.csv has %d lines for %d rows plus header", table.Name, lines, stats[table.Name])
		}
		header := strings.Join(table.ColumnNames(), ",") + "\n"
		if !strings.HasPrefix(string(data), header) {
			t.Errorf("%s.csv header = %q, want %q", table.Name, strings.SplitN(string(data), "\n", 2)[0], header)
		}
	}
}

func TestLoadRefusesExistingTables(t *testing.T) {
	w := loadDuckDB(t)
	_, err := demo.Load(context.Background(), w, demo.Config{Seed: 2}, demo.LoadOptions{})
	if err == nil || !strings.Contains(err.Error(), "ad_spend, leads, activities, deals, invoices, payments, ledger_entries already exist") {
		t.Fatalf("second Load without Replace: err = %v, want the existing tables named", err)
	}
	if _, err := demo.Load(context.Background(), w, demo.Config{Seed: 2}, demo.LoadOptions{Replace: true}); err != nil {
		t.Fatalf("Load with Replace: %v", err)
	}
	res := query(t, w, `SELECT COUNT(*) FROM leads`)
	if res.Rows[0][0] == int64(29714) {
		t.Errorf("leads still hold seed 1's 29714 rows after replacing with seed 2")
	}
}

// TestLoadPostgresOutlastsStatementTimeout loads three times the default
// size, which keeps each COPY open for longer than the 250 ms
// statement_timeout set on every connection; the COPY statements must
// still finish.
func TestLoadPostgresOutlastsStatementTimeout(t *testing.T) {
	dsn := testpg.Schema(t) + "&statement_timeout=250"
	w, err := warehouse.Open(context.Background(), dsn, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	stats, err := demo.Load(context.Background(), w, demo.Config{Seed: 1, Scale: 3}, demo.LoadOptions{})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if stats["leads"] < 80000 {
		t.Errorf("loaded %d leads, want about 89,000", stats["leads"])
	}
}
