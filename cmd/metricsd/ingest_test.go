package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const cliSources = `version: 1
sources:
  - name: payments
    owner: finance
    system: billing
    refresh: 1h
    trust: authoritative
    location:
      table: payments
      files: exports/payments-*.csv
      columns:
        - {name: payment_id, type: text, nullable: false}
        - {name: amount, type: "decimal(10,2)"}
        - {name: paid_at, type: timestamp}
    freshness: {field: paid_at, warn_after: 36h, error_after: 72h}
  - name: ad_spend
    location: {table: ad_spend}
`

// cliDefinitions writes a definitions directory and a data directory with
// two payment exports, and returns both.
func cliDefinitions(t *testing.T) (defs, data string) {
	t.Helper()
	defs, data = t.TempDir(), t.TempDir()
	must(t, os.WriteFile(filepath.Join(defs, "sources.yml"), []byte(cliSources), 0o644))
	must(t, os.MkdirAll(filepath.Join(data, "exports"), 0o755))
	must(t, os.WriteFile(filepath.Join(data, "exports", "payments-1.csv"), []byte("payment_id,amount,paid_at\np1,10.50,2025-03-01 10:00:00\np2,0.25,2025-03-02 09:00:00\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(data, "exports", "payments-2.csv"), []byte("payment_id,amount,paid_at\np3,7,2025-03-03 12:00:00\n"), 0o644))
	return defs, data
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestIngestCommandLoadsAndSkips(t *testing.T) {
	defs, data := cliDefinitions(t)
	dsn := "duckdb:" + filepath.Join(t.TempDir(), "w.duckdb")
	code, out, errOut := runCLI("ingest", "--dsn", dsn, "--definitions", defs, "--data-dir", data, "--dry-run")
	if code != exitOK || !strings.Contains(out, "2 of 2 files would load (dry run, rolled back), 3 rows") {
		t.Fatalf("dry run exit %d, output:\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI("ingest", "--dsn", dsn, "--definitions", defs, "--data-dir", data)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	for _, want := range []string{"payments -> payments: 2 of 2 files loaded, 3 rows", "exports/payments-1.csv: 2 rows", "exports/payments-2.csv: 1 rows"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCLI("ingest", "--dsn", dsn, "--definitions", defs, "--data-dir", data, "payments")
	if code != exitOK || !strings.Contains(out, "0 of 2 files loaded, 0 rows") {
		t.Errorf("second run exit %d, output:\n%s\nwant both files skipped", code, out)
	}

	code, out, errOut = runCLI("sources", "--dsn", dsn, "--definitions", defs, "--format", "json", "--now", "2025-03-04T00:00:00Z")
	if code != exitOK {
		t.Fatalf("sources exit %d, stderr:\n%s", code, errOut)
	}
	var got []struct {
		Source     string `json:"source"`
		State      string `json:"state"`
		AgeSeconds *int64 `json:"age_seconds"`
		LastLoad   *struct {
			Rows  int64    `json:"rows"`
			Files []string `json:"files"`
		} `json:"last_load"`
	}
	must(t, json.Unmarshal([]byte(out), &got))
	if len(got) != 2 || got[0].Source != "payments" || got[0].State != "ok" || got[0].AgeSeconds == nil || *got[0].AgeSeconds != 12*3600 {
		t.Fatalf("sources = %s, want payments ok at 12h", out)
	}
	if got[0].LastLoad == nil || got[0].LastLoad.Rows != 3 || len(got[0].LastLoad.Files) != 2 {
		t.Errorf("payments last load = %+v, want 3 rows from 2 files", got[0].LastLoad)
	}
	if got[1].State != "unchecked" {
		t.Errorf("ad_spend state = %q, want unchecked", got[1].State)
	}

	code, out, _ = runCLI("sources", "--dsn", dsn, "--definitions", defs, "--now", "2025-03-07T00:00:00Z")
	if code != exitFail || !strings.Contains(out, "payments: error: newest data is 3d12h old, more than error_after 3d") {
		t.Errorf("stale sources exit %d, output:\n%s\nwant exit 1 and the reason", code, out)
	}
}

func TestIngestCommandRejectsBadFile(t *testing.T) {
	defs, data := cliDefinitions(t)
	must(t, os.WriteFile(filepath.Join(data, "exports", "payments-2.csv"), []byte("payment_id,amount,paid_at\np3,\"12,5\",2025-03-03 12:00:00\n"), 0o644))
	dsn := "duckdb:" + filepath.Join(t.TempDir(), "w.duckdb")
	code, out, errOut := runCLI("ingest", "--dsn", dsn, "--definitions", defs, "--data-dir", data)
	if code != exitFail {
		t.Fatalf("exit %d, want %d; stdout:\n%s", code, exitFail, out)
	}
	if !strings.Contains(errOut, `exports/payments-2.csv:2: column amount: "12,5" is not a decimal`) {
		t.Errorf("stderr lacks the bad row:\n%s", errOut)
	}
	code, out, _ = runCLI("sources", "--dsn", dsn, "--definitions", defs)
	if code != exitFail || !strings.Contains(out, "table payments does not exist") {
		t.Errorf("after a rejected load, sources exit %d, output:\n%s\nwant the table absent", code, out)
	}
}

func TestIngestCommandUsageErrors(t *testing.T) {
	t.Setenv("METRICSD_DATA_DIR", "")
	t.Setenv("METRICSD_DSN", "")
	defs, data := cliDefinitions(t)
	dsn := "duckdb:"
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"ingest", "--definitions", defs}, "--dsn is required"},
		{[]string{"ingest", "--dsn", dsn, "--definitions", defs, "--data-dir", data, "paymnets"}, `unknown source "paymnets"; did you mean "payments"?`},
		{[]string{"ingest", "--dsn", dsn, "--definitions", defs, "ad_spend"}, "source ad_spend is a warehouse table"},
		{[]string{"sources", "--dsn", dsn, "--definitions", defs, "--format", "xml"}, `invalid --format "xml"`},
	}
	for _, c := range cases {
		code, _, errOut := runCLI(c.args...)
		if code != exitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want exit 2 and %q", c.args, code, errOut, c.want)
		}
	}
	code, _, errOut := runCLI("ingest", "--dsn", dsn, "--definitions", defs)
	if code != exitFail || !strings.Contains(errOut, "no file matches") || !strings.Contains(errOut, "METRICSD_DATA_DIR") {
		t.Errorf("missing data dir: exit %d, stderr %q, want exit 1 naming METRICSD_DATA_DIR", code, errOut)
	}
}
