package render

import "github.com/metricsd/metricsd/semantic/resolve"

// DuckDB is DuckDB 1.1 or later with the ICU extension (bundled), which
// provides time zones.
type DuckDB struct{ standard }

func (DuckDB) Name() string { return "duckdb" }

// LocalTime uses timezone(): applied to a timestamp without zone it reads
// the value in that zone (UTC here); applied to an instant it returns the
// local wall-clock time.
func (d DuckDB) LocalTime(col string, kind resolve.TimeKind, tz string) string {
	switch kind {
	case resolve.Timestamp:
		return "timezone(" + tz + ", timezone('UTC', " + col + "))"
	case resolve.AnyTimestamp:
		return "timezone(" + tz + ", " + d.Instant(col) + ")"
	}
	return "timezone(" + tz + ", " + col + ")"
}

// Instant adds the column's epoch microseconds (UTC for a timestamp
// without zone) to the epoch instant: exact, and independent of the
// session time zone.
func (DuckDB) Instant(col string) string {
	return "(TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(epoch_us(" + col + ")))"
}

// Widen adds a DECIMAL(38,0) zero: the sum keeps the operand's scale and
// takes width 38, so DuckDB multiplies in 128 bits instead of overflowing
// 64-bit decimals (DECIMAL(18,2) times DECIMAL(12,6) near 9e13).
func (DuckDB) Widen(x string) string {
	return "(" + x + " + CAST(0 AS DECIMAL(38, 0)))"
}

func (DuckDB) Percentile(p, x string) string { return "quantile_cont(" + x + ", " + p + ")" }

// StackByName is true because DuckDB 1.x plans FULL JOIN ON FALSE as a
// nested loop: merging two sources of 50,000 groups took 3.4 s, and of
// 200,000 groups 65 s. UNION ALL BY NAME pads each source's missing
// columns with NULLs of the right type and stays linear.
func (DuckDB) StackByName() bool { return true }
