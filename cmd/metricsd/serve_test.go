package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeDemo starts the zero-config server (in-memory DuckDB with the
// demo data) on a free loopback port, checks the ops endpoints and one
// GraphQL query, and shuts it down. It serves the server tests' small
// definitions set, which reads the demo's leads and deals tables, so the
// test does not depend on the reference definitions in definitions/.
func TestServeDemo(t *testing.T) {
	defs := filepath.Join("..", "..", "server", "testdata", "definitions")
	cfg, code := parseServeFlags(streams{stderr: io.Discard}, []string{"--addr", "127.0.0.1:0", "--definitions", defs})
	if code >= 0 {
		t.Fatalf("parse flags: exit %d", code)
	}
	if cfg.dsn != "duckdb:" || !cfg.loadDemo {
		t.Fatalf("no --dsn gave dsn %q loadDemo %v, want in-memory DuckDB with the demo", cfg.dsn, cfg.loadDemo)
	}
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, log, ready) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve stopped before listening: %v\n%s", err, logs.String())
	}
	base := "http://" + addr

	for _, path := range []string{"/healthz", "/readyz"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", path, resp.StatusCode)
		}
	}

	body := `{"query":"{ query(input: {metrics: [\"leads\"], groupBy: [\"metric_time__month\"], timeRange: {start: \"2025-06-01\", end: \"2025-08-31\"}}) { rows } }"}`
	resp, err := http.Post(base+"/graphql", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Data   struct{ Query struct{ Rows [][]any } }
		Errors []any
	}
	json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	if len(out.Errors) > 0 || len(out.Data.Query.Rows) != 3 {
		t.Errorf("demo query: errors %v, %d rows; want 3 months", out.Errors, len(out.Data.Query.Rows))
	}

	resp, err = http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, name := range []string{"metricsd_http_request_duration_seconds", "metricsd_warehouse_query_duration_seconds", "metricsd_definitions_reloads_total", "go_goroutines"} {
		if !bytes.Contains(metrics, []byte(name)) {
			t.Errorf("/metrics lacks %s", name)
		}
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after shutdown", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop within 30s of cancellation")
	}
	for _, msg := range []string{`"msg":"demo data loaded"`, `"msg":"query"`, `"msg":"stopped"`} {
		if !strings.Contains(logs.String(), msg) {
			t.Errorf("log lacks %s", msg)
		}
	}
}

func TestServeFlagErrors(t *testing.T) {
	for _, args := range [][]string{{"--log-level", "loud"}, {"extra"}, {"--nope"}} {
		var stderr bytes.Buffer
		if _, code := parseServeFlags(streams{stderr: &stderr}, args); code != exitUsage {
			t.Errorf("serve %v: exit %d, want %d (usage)", args, code, exitUsage)
		}
	}
}
