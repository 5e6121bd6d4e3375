// Package reference holds the tests of the reference revenue model in
// definitions/: every metric served on the generated demo (seed 1) must
// equal hand-written SQL over the raw demo tables, on DuckDB and
// PostgreSQL, and the effects the demo plants (a channel with cheap leads
// that never pay back, slow follow-up that loses deals) must be visible
// through the metrics. The package has no code of its own.
package reference
