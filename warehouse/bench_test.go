package warehouse_test

import (
	"context"
	"testing"

	"github.com/metricsd/metricsd/warehouse"
)

// BenchmarkQueryDecimalRows reads one million rows of a BIGINT and a
// DECIMAL(18,2) column from DuckDB through Query, conversion included.
func BenchmarkQueryDecimalRows(b *testing.B) {
	w, err := warehouse.Open(context.Background(), "duckdb:", warehouse.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	const q = `SELECT range AS id, CAST(range / 100.0 AS DECIMAL(18,2)) AS amount FROM range(1000000)`
	rows := 0
	for b.Loop() {
		res, err := w.Query(context.Background(), q, nil)
		if err != nil {
			b.Fatal(err)
		}
		rows += len(res.Rows)
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}
