// Package reference tests the reference revenue model in definitions/.
// Every metric served on the generated demo (seed 1) must equal
// hand-written SQL over the raw demo tables, on DuckDB and PostgreSQL.
// The effects the demo plants must show through the metrics: a channel
// whose cheap leads never pay back, and slow follow-up that loses deals.
// The package has no code of its own.
package reference
