package demo_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/metricsd/metricsd/demo"
	"github.com/metricsd/metricsd/warehouse"
)

// discard is a Sink that drops rows, to time generation alone.
type discard struct{}

func (discard) Append(*demo.Table, []any) error { return nil }

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		stats, err := demo.Generate(demo.Config{Seed: 1}, discard{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(stats.Total()), "rows/op")
	}
	b.ReportMetric(float64(138657*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkLoadDuckDB loads an in-memory DuckDB at the default size and at
// scale 80 (about 10.6 million rows).
func BenchmarkLoadDuckDB(b *testing.B) {
	for _, scale := range []int{1, 80} {
		b.Run(fmt.Sprintf("scale=%d", scale), func(b *testing.B) {
			var rows int64
			for b.Loop() {
				w, err := warehouse.Open(context.Background(), "duckdb:", warehouse.Options{})
				if err != nil {
					b.Fatal(err)
				}
				stats, err := demo.Load(context.Background(), w, demo.Config{Seed: 1, Scale: scale}, demo.LoadOptions{})
				w.Close()
				if err != nil {
					b.Fatal(err)
				}
				rows += stats.Total()
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(rows)/float64(b.N), "rows/op")
		})
	}
}
