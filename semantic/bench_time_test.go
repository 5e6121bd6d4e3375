package semantic

import (
	"sort"
	"testing"
	"time"

	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/semantic/query"
)

// timeMetrics adds a month-to-date cumulative metric and a month-over-month
// offset to the wide model.
const timeMetrics = `  - {name: orders_mtd, version: 1, type: cumulative, measure: orders_m3, grain_to_date: month}
  - name: orders_prev_month
    version: 1
    type: derived
    expr: prev
    metrics: [{name: orders_metric_3, alias: prev, offset_window: 1 month}]
`

var benchTimeQuery = query.Query{
	Metrics:   []string{"orders_metric_3", "orders_mtd", "orders_prev_month"},
	GroupBy:   []string{"region__name", "metric_time__month"},
	Where:     "customer__segment == 'smb'",
	TimeRange: &query.TimeRange{Start: "2024-01-01", End: "2024-06-30"},
	TimeZone:  "Europe/Berlin",
	OrderBy:   []query.Order{{Name: "orders_metric_3", Desc: true}},
	Limit:     100,
}

// BenchmarkCompileTimeSpine compiles a simple, a cumulative and an offset
// metric by region and month against the 200-metric model, and reports the
// median latency of single compiles next to the mean.
func BenchmarkCompileTimeSpine(b *testing.B) {
	set, diags := load.Files([]model.File{{Path: "wide.yml", Data: []byte(wideDefinitions() + timeMetrics)}})
	if diags.HasErrors() {
		b.Fatalf("load: %s", formatDiags(diags))
	}
	m, diags := Build(set)
	if m == nil {
		b.Fatalf("build: %s", formatDiags(diags))
	}
	if _, diags := Compile(m, benchTimeQuery, "postgres"); diags.HasErrors() {
		b.Fatal(formatDiags(diags))
	}
	samples := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		Compile(m, benchTimeQuery, "postgres")
		samples = append(samples, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(samples, func(i, j int) bool { return samples[i] < samples[j] })
	b.ReportMetric(float64(samples[len(samples)/2].Nanoseconds()), "p50-ns")
}
