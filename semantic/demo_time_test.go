package semantic_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"

	"github.com/metricsd/metricsd/demo"
	"github.com/metricsd/metricsd/demo/withidentity"
	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/warehouse"
)

// demoTimeMetrics adds cumulative and offset variants of booked_revenue,
// so their invariants can be checked against the plain metric.
const demoTimeMetrics = `version: 1
metrics:
  - {name: booked_revenue_mtd, version: 1, type: cumulative, measure: booked_amount, grain_to_date: month}
  - {name: booked_revenue_all_time, version: 1, type: cumulative, measure: booked_amount}
  - name: booked_revenue_prev_month
    version: 1
    type: derived
    expr: prev
    metrics: [{name: booked_revenue, alias: prev, offset_window: 1 month}]
`

// demoModel builds definitions/ plus demoTimeMetrics and loads the demo
// business, with its customers resolved, into an in-memory DuckDB.
func demoModel(t *testing.T) (*semantic.Model, *warehouse.Warehouse) {
	t.Helper()
	dir := filepath.Join("..", "definitions")
	var files []model.File
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(path, ".yml") {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files = append(files, model.File{Path: filepath.ToSlash(rel), Data: data})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, model.File{Path: "time_metrics.yml", Data: []byte(demoTimeMetrics)})
	set, diags := load.Files(files)
	if diags.HasErrors() {
		t.Fatalf("load: %v", diags.Err())
	}
	set.Dir = dir
	m, diags := semantic.Build(set)
	if m == nil {
		t.Fatalf("build: %v", diags.Err())
	}
	ctx := context.Background()
	w, err := warehouse.Open(ctx, "duckdb:", warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	if _, _, err := withidentity.Load(ctx, w, demo.Config{Seed: 1}, demo.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	return m, w
}

// run compiles q for DuckDB and returns its rows by column name.
func run(t *testing.T, m *semantic.Model, w *warehouse.Warehouse, q query.Query) []map[string]any {
	t.Helper()
	c, diags := semantic.Compile(m, q, "duckdb")
	if c == nil {
		t.Fatalf("compile: %v", diags.Err())
	}
	res, err := w.Query(context.Background(), c.SQL, c.Args)
	if err != nil {
		t.Fatalf("query: %v\n%s", err, c.SQL)
	}
	var rows []map[string]any
	for _, r := range res.Rows {
		row := map[string]any{}
		for i, col := range res.Columns {
			row[col.Name] = r[i]
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		t.Fatal("no rows")
	}
	return rows
}

func number(t *testing.T, v any) float64 {
	t.Helper()
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	case *apd.Decimal:
		f, err := x.Float64()
		if err != nil {
			t.Fatal(err)
		}
		return f
	case nil:
		return math.NaN()
	}
	t.Fatalf("unexpected value %T %v", v, v)
	return 0
}

func near(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) || math.IsNaN(a) && math.IsNaN(b)
}

// firstContactByMonth restates the time-to-event metrics by hand: each
// lead's lag to its earliest activity, by utm_source and Berlin month of
// the lead; leads never contacted are left out of the percentiles and count
// as not within 5 minutes.
const firstContactByMonth = `
WITH first_contact AS (
  SELECT lead_id, min(occurred_at) AS first_at FROM activities GROUP BY lead_id
), lags AS (
  SELECT l.utm_source,
         strftime(date_trunc('month', timezone('Europe/Berlin', l.created_at)), '%Y-%m') AS month,
         epoch(f.first_at) - epoch(l.created_at) AS lag
  FROM leads l LEFT JOIN first_contact f ON f.lead_id = l.lead_id
)
SELECT utm_source, month, quantile_cont(lag, 0.5), quantile_cont(lag, 0.9),
       avg(CASE WHEN lag <= 300 THEN 1.0 ELSE 0.0 END)
FROM lags GROUP BY utm_source, month`

// TestDemoTimeToEventMatchesSQL checks the reference time_to_event metrics
// against firstContactByMonth, per utm_source and month in Europe/Berlin.
func TestDemoTimeToEventMatchesSQL(t *testing.T) {
	m, w := demoModel(t)
	metrics := []string{"speed_to_first_contact_median", "speed_to_first_contact_p90", "contacted_within_5m_rate"}
	rows := run(t, m, w, query.Query{
		Metrics:  metrics,
		GroupBy:  []string{"lead__utm_source", "metric_time__month"},
		TimeZone: "Europe/Berlin",
	})
	want, err := w.Query(context.Background(), firstContactByMonth, nil)
	if err != nil {
		t.Fatal(err)
	}
	expected := map[string][]any{}
	for _, r := range want.Rows {
		source, _ := r[0].(string)
		expected[source+" "+r[1].(string)] = r[2:]
	}
	for _, row := range rows {
		source, _ := row["lead__utm_source"].(string)
		key := source + " " + monthText(row["metric_time__month"])
		exp, ok := expected[key]
		if !ok {
			t.Errorf("%s: served but absent from the hand-written SQL", key)
			continue
		}
		for i, name := range metrics {
			if got, want := number(t, row[name]), number(t, exp[i]); !near(got, want) {
				t.Errorf("%s: %s = %v, hand-written SQL gives %v", key, name, got, want)
			}
		}
	}
	if len(rows) != len(expected) {
		t.Errorf("served %d utm_source and month rows, hand-written SQL has %d", len(rows), len(expected))
	}
	t.Logf("%d utm_source and month rows agree", len(rows))
}

// monthText formats a month bucket (a date string or a time) as YYYY-MM.
func monthText(v any) string {
	switch x := v.(type) {
	case string:
		if len(x) >= 7 {
			return x[:7]
		}
		return x
	case time.Time:
		return x.Format("2006-01")
	}
	return fmt.Sprint(v)
}

// TestDemoCumulativeAndOffsetInvariants checks, by month of 2026, that
// month-to-date at month grain equals the month's revenue, that the
// all-time total grows by exactly each month's revenue, and that the
// previous-month offset equals the row before it.
func TestDemoCumulativeAndOffsetInvariants(t *testing.T) {
	m, w := demoModel(t)
	rows := run(t, m, w, query.Query{
		Metrics:   []string{"booked_revenue", "booked_revenue_mtd", "booked_revenue_all_time", "booked_revenue_prev_month"},
		GroupBy:   []string{"metric_time__month"},
		TimeRange: &query.TimeRange{Start: "2026-01-01", End: "2026-10-31"},
		OrderBy:   []query.Order{{Name: "metric_time__month"}},
	})
	if len(rows) != 10 {
		t.Fatalf("%d rows, want one per month from January to October 2026", len(rows))
	}
	for i, row := range rows {
		revenue := number(t, row["booked_revenue"])
		if mtd := number(t, row["booked_revenue_mtd"]); !near(mtd, revenue) {
			t.Errorf("%v: month to date %v, month revenue %v", row["metric_time__month"], mtd, revenue)
		}
		if i == 0 {
			continue
		}
		prev := rows[i-1]
		if got, want := number(t, row["booked_revenue_prev_month"]), number(t, prev["booked_revenue"]); !near(got, want) {
			t.Errorf("%v: previous month %v, row before %v", row["metric_time__month"], got, want)
		}
		grown := number(t, row["booked_revenue_all_time"]) - number(t, prev["booked_revenue_all_time"])
		if !near(grown, revenue) {
			t.Errorf("%v: all-time total grew by %v, month revenue %v", row["metric_time__month"], grown, revenue)
		}
	}
	t.Logf("booked revenue %v in January 2026, all time %v at the end of October",
		rows[0]["booked_revenue"], rows[9]["booked_revenue_all_time"])
}
