// Package olist_test loads the Olist example's real exports and checks the
// figures its definitions describe with hand-written SQL. It runs whenever
// the data directory ../shared/data exists next to the repository root, and
// fails under CI=true when it does not.
package olist_test

import (
	"database/sql"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/metricsd/metricsd/ingest"
	"github.com/metricsd/metricsd/internal/testpg"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/warehouse"
)

// dataDir returns ../shared/data relative to the repository root.
func dataDir(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Dir(file)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above " + file)
		}
		dir = parent
	}
	data := filepath.Join(dir, "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(data, "olist-marketing-funnel")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the Olist data must be present under CI=true: %v", err)
		}
		t.Skipf("Olist data not present: %v", err)
	}
	return data
}

// loadOlist ingests every Olist source into the warehouse at dsn.
func loadOlist(t *testing.T, dsn string) (*warehouse.Warehouse, *model.Set, string) {
	t.Helper()
	data := dataDir(t)
	set, diags, err := load.Dir(".")
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		t.Fatalf("definitions: %v", diags.Err())
	}
	w, err := warehouse.Open(t.Context(), dsn, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	for _, src := range set.Sources {
		start := time.Now()
		res, err := ingest.Load(t.Context(), w.DB().DB, w.Dialect(), src, ingest.Options{BaseDir: data})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s %s: %d rows in %s", w.Dialect(), src.Name, res.Files[0].Rows, time.Since(start).Round(time.Millisecond))
	}
	return w, set, data
}

// forEachEngine runs fn on an in-memory DuckDB and, when reachable, on a
// fresh PostgreSQL schema.
func forEachEngine(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Run("duckdb", func(t *testing.T) { fn(t, "duckdb:") })
	t.Run("postgres", func(t *testing.T) { fn(t, testpg.Schema(t)) })
}

// countCSVRecords counts data records with encoding/csv, independently of
// the loader.
func countCSVRecords(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	n := -1 // the header
	for {
		_, err := r.Read()
		if errors.Is(err, io.EOF) {
			return n
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		n++
	}
}

func TestOlistRowCounts(t *testing.T) {
	forEachEngine(t, func(t *testing.T, dsn string) {
		w, set, data := loadOlist(t, dsn)
		for _, src := range set.Sources {
			want := countCSVRecords(t, filepath.Join(data, src.Location.Files))
			var got int
			if err := w.DB().QueryRow("SELECT count(*) FROM " + src.Location.Table).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s: %d rows loaded, the CSV has %d records", src.Name, got, want)
			}
		}
	})
}

// TestOlistFigures checks figures computed from the raw CSV files outside
// this repository (with Python's csv and decimal modules) against
// hand-written DuckDB SQL over the loaded tables.
func TestOlistFigures(t *testing.T) {
	w, _, _ := loadOlist(t, "duckdb:")
	db := w.DB().DB

	t.Run("leads and close rate by origin", func(t *testing.T) {
		got := queryMap(t, db, `
			SELECT coalesce(m.origin, '(blank)'), count(*) || ' ' || count(d.mql_id) || ' ' || round(count(d.mql_id) / count(*), 6)
			FROM olist_mql m LEFT JOIN olist_closed_deals d ON d.mql_id = m.mql_id
			GROUP BY 1`)
		want := map[string]string{
			"organic_search":    "2296 271 0.118031",
			"paid_search":       "1586 195 0.122951",
			"social":            "1350 75 0.055556",
			"unknown":           "1099 179 0.162875",
			"direct_traffic":    "499 56 0.112224",
			"email":             "493 15 0.030426",
			"referral":          "284 24 0.084507",
			"other":             "150 4 0.026667",
			"display":           "118 6 0.050847",
			"other_publicities": "65 3 0.046154",
			"(blank)":           "60 14 0.233333",
		}
		assertMap(t, got, want)
	})

	t.Run("lead to close time", func(t *testing.T) {
		got := queryMap(t, db, `
			WITH lag AS (
				SELECT epoch(d.won_date) - epoch(CAST(m.first_contact_date AS TIMESTAMP)) AS seconds
				FROM olist_closed_deals d JOIN olist_mql m ON m.mql_id = d.mql_id
			)
			SELECT 'all', count(*) || ' ' || min(seconds) || ' ' || count(*) FILTER (WHERE seconds < 0) || ' ' ||
			       quantile_cont(seconds, 0.5) || ' ' || round(quantile_cont(seconds, 0.9), 1)
			FROM lag`)
		// 842 deals; one was won 1d4h21m5s before its lead's first contact
		// date and is kept with a negative time.
		assertMap(t, got, map[string]string{"all": "842 -102065.0 1 1265823.0 14047669.7"})
	})

	t.Run("booked and collected by origin", func(t *testing.T) {
		got := queryMap(t, db, `
			WITH seller_items AS (
				SELECT order_id, seller_id, sum(price + freight_value) AS booked FROM olist_order_items GROUP BY 1, 2
			), order_booked AS (
				SELECT order_id, sum(booked) AS booked FROM seller_items GROUP BY 1
			), order_paid AS (
				SELECT order_id, sum(payment_value) AS paid FROM olist_order_payments GROUP BY 1
			)
			SELECT coalesce(m.origin, '(blank)'),
			       count(DISTINCT s.seller_id) || ' ' || sum(s.booked) || ' ' ||
			       sum(CASE WHEN ob.booked = s.booked THEN coalesce(p.paid, 0) ELSE CAST(CAST(p.paid * s.booked AS DOUBLE) / CAST(ob.booked AS DOUBLE) AS DECIMAL(14,2)) END)
			FROM seller_items s
			JOIN olist_closed_deals d ON d.seller_id = s.seller_id
			JOIN olist_mql m ON m.mql_id = d.mql_id
			JOIN order_booked ob ON ob.order_id = s.order_id
			LEFT JOIN order_paid p ON p.order_id = s.order_id
			GROUP BY 1`)
		want := map[string]string{
			"direct_traffic": "8 1290.40 1290.40",
			"display":        "1 143.98 143.98",
			"email":          "1 107.16 107.16",
			"organic_search": "28 14456.45 14456.44",
			"other":          "1 151.59 151.59",
			"paid_search":    "28 7219.73 7229.53",
			"referral":       "1 87.16 87.16",
			"social":         "15 2605.15 2605.15",
			"unknown":        "24 10446.91 10446.91",
		}
		assertMap(t, got, want)
	})
}

func queryMap(t *testing.T, db *sql.DB, q string) map[string]string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		out[k] = v
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func assertMap(t *testing.T, got, want map[string]string) {
	t.Helper()
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d groups %v, want %d", len(got), got, len(want))
	}
}
