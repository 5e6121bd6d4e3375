package semantic

import (
	"strings"
	"sync"
	"testing"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/query"
)

func shopModel(t *testing.T) *Model {
	t.Helper()
	m, diags := buildDir(t, "testdata/fanout_by_region/definitions")
	if m == nil {
		t.Fatalf("build:\n%s", formatDiags(diags))
	}
	return m
}

func TestDimensionsForMetrics(t *testing.T) {
	m := shopModel(t)
	dims, diags := m.Dimensions([]string{"booked_revenue", "collected_revenue"})
	if diags.HasErrors() {
		t.Fatal(formatDiags(diags))
	}
	var names []string
	for _, d := range dims {
		names = append(names, d.Name)
	}
	// payment__method is reachable from payments only, and from orders only
	// across a one-to-many join, so it cannot group both metrics.
	want := "customer__region,metric_time,order__ordered_at"
	if got := strings.Join(names, ","); got != want {
		t.Errorf("dimensions = %s, want %s", got, want)
	}
}

func TestDimensionsUnknownMetric(t *testing.T) {
	_, diags := shopModel(t).Dimensions([]string{"booked_revenu"})
	if len(diags) != 1 || diags[0].Code != diag.UnknownMetric || diags[0].Suggestions[0] != "booked_revenue" {
		t.Errorf("diagnostics = %+v", diags)
	}
}

func TestMetricsSortedByName(t *testing.T) {
	var names []string
	for _, met := range shopModel(t).Metrics() {
		names = append(names, met.Name)
	}
	want := "avg_order_value,booked_revenue,collected_revenue,collection_rate,order_count"
	if got := strings.Join(names, ","); got != want {
		t.Errorf("metrics = %s, want %s", got, want)
	}
}

// TestCompileConcurrently shares one model between goroutines; run with
// -race to check that planning never writes to it.
func TestCompileConcurrently(t *testing.T) {
	m := shopModel(t)
	q := query.Query{Metrics: []string{"booked_revenue", "collection_rate"}, GroupBy: []string{"customer__region"},
		Where: "payment__method == 'card'", TimeZone: "Europe/Berlin"}
	want, diags := Compile(m, q, "postgres")
	if diags.HasErrors() {
		t.Fatal(formatDiags(diags))
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				got, _ := Compile(m, q, "postgres")
				if got == nil || got.SQL != want.SQL {
					t.Error("concurrent compile gave different SQL")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestCompileColumnsCarryVersionAndFormat(t *testing.T) {
	m, diags := buildDir(t, "testdata/simple_time_grain/definitions")
	if m == nil {
		t.Fatal(formatDiags(diags))
	}
	c, diags := Compile(m, query.Query{Metrics: []string{"booked_revenue@2"}}, "duckdb")
	if diags.HasErrors() {
		t.Fatal(formatDiags(diags))
	}
	col := c.Columns[0]
	if col.Name != "booked_revenue" || col.Version != 2 || col.Format == nil || col.Format.Currency != "USD" {
		t.Errorf("column = %+v", col)
	}
}

func TestQueryFilterErrorColumn(t *testing.T) {
	m := shopModel(t)
	// The unknown name starts the filter text, so the diagnostic must point
	// at column 1, not one column right as if the text were quoted YAML.
	_, diags := Compile(m, query.Query{Metrics: []string{"booked_revenue"}, Where: "customer__regoin == 'EMEA'"}, "duckdb")
	if len(diags) == 0 {
		t.Fatal("a filter naming an unknown dimension compiled")
	}
	d := diags[0]
	if d.Code != diag.CELUnknownName {
		t.Fatalf("code = %s, want %s", d.Code, diag.CELUnknownName)
	}
	if d.Pos.Line != 1 || d.Pos.Col != 1 {
		t.Errorf("position = %d:%d, want 1:1", d.Pos.Line, d.Pos.Col)
	}
}

func TestCumulativeByOtherTimeKeyWarns(t *testing.T) {
	m, diags := buildDir(t, "testdata/cumulative_month_to_date_weeks/definitions")
	if m == nil {
		t.Fatalf("build:\n%s", formatDiags(diags))
	}
	c, diags := Compile(m, query.Query{Metrics: []string{"revenue_all_time"}, GroupBy: []string{"order__ordered_on__day"}}, "duckdb")
	if c == nil {
		t.Fatalf("compile:\n%s", formatDiags(diags))
	}
	if len(c.Warnings) != 1 || c.Warnings[0].Code != diag.InvalidQuery || !strings.Contains(c.Warnings[0].Summary, "not by metric_time") {
		t.Errorf("warnings = %v, want one saying the metric is not grouped by metric_time", c.Warnings)
	}
	c, _ = Compile(m, query.Query{Metrics: []string{"revenue_all_time"}, GroupBy: []string{"metric_time__day"}}, "duckdb")
	if c == nil || len(c.Warnings) != 0 {
		t.Errorf("grouped by metric_time: compiled %v, warnings %v; want no warning", c != nil, c)
	}
}
