package semantic_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/metricsd/metricsd/internal/testpg"
	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/warehouse"
)

// matrixTables seeds the tables of the time-spine golden definitions with
// a few rows, enough for every metric type to produce values.
var matrixTables = []string{
	`CREATE TABLE orders (id INTEGER, ordered_on DATE, region TEXT, amount DECIMAL(12,2))`,
	`INSERT INTO orders VALUES (1, DATE '2023-12-30', 'EMEA', 10), (2, DATE '2024-01-02', 'AMER', 5), (3, DATE '2024-02-29', NULL, 7)`,
	`CREATE TABLE leads (id INTEGER, created_at TIMESTAMP, channel TEXT)`,
	`INSERT INTO leads VALUES (1, TIMESTAMP '2024-01-10 09:00:00', 'paid'), (2, TIMESTAMP '2024-02-01 10:00:00', NULL)`,
	`CREATE TABLE deals (id INTEGER, lead_id INTEGER, closed_at TIMESTAMP, status TEXT, channel TEXT)`,
	`INSERT INTO deals VALUES (10, 1, TIMESTAMP '2024-02-01 00:00:00', 'won', 'paid')`,
	`CREATE TABLE activities (id INTEGER, lead_id INTEGER, occurred_at TIMESTAMP)`,
	`INSERT INTO activities VALUES (20, 1, TIMESTAMP '2024-01-10 09:03:00')`,
}

// TestTimeMetricMatrix runs every time-spine metric type under many
// groupings, ranges, filters and orderings on DuckDB and PostgreSQL: each
// query must compile and its SQL must run.
func TestTimeMetricMatrix(t *testing.T) {
	set, diags, err := load.Dir(filepath.Join("testdata", "offset_month_and_year", "definitions"))
	if err != nil || diags.HasErrors() {
		t.Fatalf("load: %v %v", err, diags)
	}
	m, diags := semantic.Build(set)
	if m == nil {
		t.Fatalf("build: %v", diags.Err())
	}
	orderMetrics := [][]string{{"revenue", "revenue_mtd", "revenue_all_time"}, {"revenue_30d_avg"},
		{"revenue_prev_month", "revenue_yoy", "revenue_vs_month_start"}, {"revenue_mtd_prev_month", "revenue_mtd"}}
	orderKeys := [][]string{{"metric_time__day"}, {"metric_time__week"}, {"metric_time__month", "order__region"},
		{"order__region", "metric_time__quarter"}, {"metric_time__year"}}
	leadMetrics := []string{"leads_won_90d", "lead_win_rate_90d", "first_contact_median", "first_contact_p90", "contacted_within_5m"}
	leadKeys := [][]string{nil, {"lead__channel"}, {"metric_time__day"}, {"metric_time__month", "lead__channel"}}
	rng := &query.TimeRange{Start: "2024-01-01", End: "2024-03-31"}

	var queries []query.Query
	for _, ms := range orderMetrics {
		for _, keys := range orderKeys {
			queries = append(queries,
				query.Query{Metrics: ms, GroupBy: keys, TimeRange: rng, WeekStart: "sunday", FiscalYearStartMonth: 4},
				query.Query{Metrics: ms, GroupBy: keys, Where: "order__region != 'AMER'", TimeZone: "Europe/Berlin",
					OrderBy: []query.Order{{Name: ms[len(ms)-1], Desc: true}}, Limit: 3})
		}
	}
	queries = append(queries, query.Query{Metrics: []string{"revenue_mtd", "revenue_all_time"}},
		query.Query{Metrics: []string{"revenue_mtd"}, GroupBy: []string{"order__region"}, TimeRange: rng})
	for _, keys := range leadKeys {
		queries = append(queries, query.Query{Metrics: leadMetrics, GroupBy: keys, TimeZone: "Europe/Berlin"},
			query.Query{Metrics: leadMetrics, GroupBy: keys, Where: "lead__channel == 'paid'", TimeRange: rng})
	}

	for _, engine := range []string{"duckdb", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			w := matrixWarehouse(t, engine)
			for i, q := range queries {
				c, diags := semantic.Compile(m, q, engine)
				if c == nil {
					t.Errorf("query %d %v by %v: %v", i, q.Metrics, q.GroupBy, diags.Err())
					continue
				}
				if _, err := w.Query(context.Background(), c.SQL, c.Args); err != nil {
					t.Errorf("query %d %v by %v: %v\n%s", i, q.Metrics, q.GroupBy, err, c.SQL)
				}
			}
			t.Logf("%d queries compiled and ran", len(queries))
		})
	}
}

func matrixWarehouse(t *testing.T, engine string) *warehouse.Warehouse {
	t.Helper()
	dsn := "duckdb:"
	if engine == "postgres" {
		dsn = testpg.Schema(t)
	}
	w, err := warehouse.Open(context.Background(), dsn, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	for _, stmt := range matrixTables {
		if _, err := w.DB().Exec(stmt); err != nil {
			t.Fatal(fmt.Errorf("%s: %w", stmt, err))
		}
	}
	return w
}
