package semantic_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"

	"github.com/metricsd/metricsd/demo"
	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/warehouse"
)

// demoTimeMetrics restates metrics of definitions/ with the time-spine
// metric types, so each can be checked against its plain counterpart.
const demoTimeMetrics = `version: 1
metrics:
  - {name: tte_first_contact_median, version: 1, type: time_to_event, entity: lead, start: leads.created_at, end: activities.occurred_at, statistic: median}
  - {name: tte_first_contact_p90, version: 1, type: time_to_event, entity: lead, start: leads.created_at, end: activities.occurred_at, statistic: p90}
  - {name: tte_contacted_within_5m, version: 1, type: time_to_event, entity: lead, start: leads.created_at, end: activities.occurred_at, statistic: within_sla, sla: 5m}
  - {name: booked_revenue_mtd, version: 1, type: cumulative, measure: booked_amount, grain_to_date: month}
  - {name: booked_revenue_all_time, version: 1, type: cumulative, measure: booked_amount}
  - name: booked_revenue_prev_month
    version: 1
    type: derived
    expr: prev
    metrics: [{name: booked_revenue, alias: prev, offset_window: 1 month}]
`

// demoModel builds definitions/ plus demoTimeMetrics and loads the demo
// business into an in-memory DuckDB.
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
	if _, err := demo.Load(ctx, w, demo.Config{Seed: 1}, demo.LoadOptions{}); err != nil {
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

// TestDemoTimeToEventMatchesMeasures checks the time_to_event metrics
// against the demo's precomputed first-contact columns, per utm_source and
// month in Europe/Berlin.
func TestDemoTimeToEventMatchesMeasures(t *testing.T) {
	m, w := demoModel(t)
	rows := run(t, m, w, query.Query{
		Metrics: []string{"speed_to_first_contact", "tte_first_contact_median", "speed_to_first_contact_p90",
			"tte_first_contact_p90", "contacted_within_5m_rate", "tte_contacted_within_5m"},
		GroupBy:  []string{"lead__utm_source", "metric_time__month"},
		TimeZone: "Europe/Berlin",
	})
	pairs := [][2]string{{"speed_to_first_contact", "tte_first_contact_median"},
		{"speed_to_first_contact_p90", "tte_first_contact_p90"}, {"contacted_within_5m_rate", "tte_contacted_within_5m"}}
	for _, row := range rows {
		for _, p := range pairs {
			want, got := number(t, row[p[0]]), number(t, row[p[1]])
			if !near(got, want) {
				t.Errorf("%v %v: %s = %v, %s = %v", row["lead__utm_source"], row["metric_time__month"], p[1], got, p[0], want)
			}
		}
	}
	t.Logf("%d utm_source and month rows agree", len(rows))
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
