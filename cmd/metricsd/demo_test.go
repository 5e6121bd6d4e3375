package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/metricsd/metricsd/warehouse"
)

func TestDemoWritesCSV(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runCLI("demo", "--out", dir)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "138657 rows") {
		t.Errorf("output does not report 138657 rows:\n%s", stdout)
	}
	data, err := os.ReadFile(filepath.Join(dir, "payments.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(data), "\n"); lines != 4013 {
		t.Errorf("payments.csv has %d lines, want 4013 (header and 4012 rows)", lines)
	}
}

// TestDemoCurrentEndsThisWeek loads a DuckDB file with --current and
// checks that the newest lead is from the last seven days.
func TestDemoCurrentEndsThisWeek(t *testing.T) {
	dsn := "duckdb:" + filepath.Join(t.TempDir(), "demo.duckdb")
	code, stdout, stderr := runCLI("demo", "--dsn", dsn, "--current", "--seed", "7")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "loaded duckdb") {
		t.Errorf("output does not report the load:\n%s", stdout)
	}
	w, err := warehouse.Open(context.Background(), dsn, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	res, err := w.Query(context.Background(), `SELECT MAX(created_at) FROM leads`, nil)
	if err != nil {
		t.Fatal(err)
	}
	newest := res.Rows[0][0].(time.Time)
	if age := time.Since(newest); age > 7*24*time.Hour || age < -24*time.Hour {
		t.Errorf("newest lead at %v is not within the last week", newest)
	}
}

// TestDemoResolvesCustomers loads seed 1 into a DuckDB file, then loads
// it again: without --replace the load fails, with it identity_map is
// rebuilt by a first run instead of failing its churn check.
func TestDemoResolvesCustomers(t *testing.T) {
	dsn := "duckdb:" + filepath.Join(t.TempDir(), "demo.duckdb")
	code, stdout, stderr := runCLI("demo", "--dsn", dsn)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	const resolved = "identity run 1: 39499 records resolved into 27929 customers (identity_map)"
	if !strings.Contains(stdout, resolved) {
		t.Errorf("output does not report %q:\n%s", resolved, stdout)
	}

	code, _, stderr = runCLI("demo", "--dsn", dsn)
	if code != exitFail || !strings.Contains(stderr, "identity tables identity_runs, identity_registry") {
		t.Errorf("second load without --replace: exit %d, want %d naming the identity tables\n%s", code, exitFail, stderr)
	}
	code, stdout, stderr = runCLI("demo", "--dsn", dsn, "--replace", "--seed", "2")
	if code != exitOK {
		t.Fatalf("load with --replace: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "identity run 1:") {
		t.Errorf("load with --replace does not start identity runs afresh:\n%s", stdout)
	}
}

func TestDemoUsageErrors(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"no target", []string{"demo"}, "give --dsn"},
		{"bad scale", []string{"demo", "--out", "x", "--scale", "0"}, "invalid --scale 0"},
		{"bad end", []string{"demo", "--out", "x", "--end", "30.11.2026"}, `invalid --end "30.11.2026"`},
		{"end and current", []string{"demo", "--out", "x", "--end", "2026-01-01", "--current"}, "exclude each other"},
		{"bad dsn", []string{"demo", "--dsn", "sqlite:x.db"}, "unsupported DSN"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runCLI(c.args...)
			want := exitUsage
			if c.name == "bad dsn" {
				want = exitFail
			}
			if code != want {
				t.Errorf("exit = %d, want %d\n%s", code, want, stderr)
			}
			if !strings.Contains(stderr, c.stderr) {
				t.Errorf("stderr does not mention %q:\n%s", c.stderr, stderr)
			}
		})
	}
}

func TestDemoReplaceRequiredForExistingTables(t *testing.T) {
	dsn := "duckdb:" + filepath.Join(t.TempDir(), "demo.duckdb")
	if code, _, stderr := runCLI("demo", "--dsn", dsn); code != exitOK {
		t.Fatalf("first load: exit %d\n%s", code, stderr)
	}
	code, _, stderr := runCLI("demo", "--dsn", dsn)
	if code != exitFail || !strings.Contains(stderr, "--replace") {
		t.Errorf("second load without --replace: exit %d, want 1 with a hint at --replace\n%s", code, stderr)
	}
	if code, _, stderr := runCLI("demo", "--dsn", dsn, "--replace"); code != exitOK {
		t.Errorf("load with --replace: exit %d\n%s", code, stderr)
	}
}
