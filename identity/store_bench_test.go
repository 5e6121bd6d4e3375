package identity

import (
	"context"
	"database/sql"
	"testing"

	"github.com/metricsd/metricsd/internal/testpg"
)

// benchmarkStoredRun stores a first run of n generated records, the
// heaviest write: every record, id and link is new.
func benchmarkStoredRun(b *testing.B, dialect string, n int) {
	recs := generateRecords(n)
	cfg := testConfig()
	for b.Loop() {
		b.StopTimer()
		var db *sql.DB
		var err error
		if dialect == DialectDuckDB {
			db, err = sql.Open("duckdb", "")
		} else {
			db, err = sql.Open("postgres", testpg.Schema(b))
		}
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := Run(context.Background(), db, dialect, Input{Records: recs}, cfg, RunOptions{}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

func BenchmarkStoredRun100kDuckDB(b *testing.B)   { benchmarkStoredRun(b, DialectDuckDB, 100_000) }
func BenchmarkStoredRun100kPostgres(b *testing.B) { benchmarkStoredRun(b, DialectPostgres, 100_000) }

func BenchmarkStoredRun1MDuckDB(b *testing.B) { benchmarkStoredRun(b, DialectDuckDB, 1_000_000) }
