package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/metricsd/metricsd/demo"
	"github.com/metricsd/metricsd/internal/testpg"
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
	if cfg.dsn != "duckdb:" || !cfg.loadDemo || !cfg.scheduleLoads {
		t.Fatalf("no --dsn gave dsn %q loadDemo %v scheduleLoads %v, want in-memory DuckDB with the demo and scheduled loads", cfg.dsn, cfg.loadDemo, cfg.scheduleLoads)
	}
	if age := time.Since(cfg.demoEnd); age < 0 || age > time.Minute {
		t.Errorf("demo end = %s, want now", cfg.demoEnd)
	}
	// The default end keeps the queried months inside the demo's 548 days
	// whatever the date the test runs on.
	cfg.demoEnd = demo.DefaultEnd
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

// scheduledDefs is a definitions set with one file source, loaded every
// hour from orders.csv beside it, and a metric over it.
const scheduledDefs = `version: 1
sources:
  - name: web_orders
    owner: ops
    system: shop
    refresh: 1h
    trust: authoritative
    location:
      table: web_orders
      files: orders.csv
      format: csv
      columns:
        - {name: order_id, type: integer}
        - {name: ordered_at, type: timestamp}
        - {name: amount, type: "decimal(12,2)"}
        - {name: email, type: text}
    freshness: {field: ordered_at, warn_after: 36h, error_after: 72h}
identities:
  - name: customer
    identifiers:
      - {name: email, kind: email}
    carriers:
      - {source: web_orders, key: order_id, first_seen: ordered_at, columns: {email: email}}
semantic_models:
  - name: orders
    source: web_orders
    table: web_orders
    agg_time_dimension: ordered_at
    entities:
      - {name: order, type: primary, expr: order_id}
    dimensions:
      - {name: ordered_at, type: time, grain: second}
    measures:
      - {name: order_amount, agg: sum, expr: amount, data_type: decimal}
metrics:
  - name: order_total
    version: 1
    owner: finance
    type: simple
    measure: order_amount
`

// TestServeScheduledLoad serves a definitions set with a file source and
// no demo data, on DuckDB and PostgreSQL: the scheduler loads the file at
// startup, and GraphQL then reports the load and serves the loaded rows.
func TestServeScheduledLoad(t *testing.T) {
	t.Run("duckdb", func(t *testing.T) { testServeScheduledLoad(t, "duckdb:") })
	t.Run("postgres", func(t *testing.T) { testServeScheduledLoad(t, testpg.Schema(t)) })
}

func testServeScheduledLoad(t *testing.T, dsn string) {
	dir := t.TempDir()
	newest := time.Now().UTC().Add(-2 * time.Hour).Truncate(time.Second)
	// Both orders carry one email written two ways, so identity resolution
	// after the load finds one customer.
	csv := "order_id,ordered_at,amount,email\n" +
		"1," + newest.Add(-24*time.Hour).Format(time.DateTime) + ",12.50, Jane@Example.COM\n" +
		"2," + newest.Format(time.DateTime) + ",40.00,jane@example.com\n"
	for name, content := range map[string]string{"defs.yml": scheduledDefs, "orders.csv": csv} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A key of its own keeps parallel test runs on one PostgreSQL
	// database from waiting for each other's leadership.
	cfg := serveConfig{addr: "127.0.0.1:0", dsn: dsn, definitions: dir, scheduleLoads: true, lockKey: rand.Int64N(1<<62) + 1}
	var logs syncLog
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
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("serve returned %v after shutdown", err)
				}
			case <-time.After(30 * time.Second):
				t.Error("serve did not stop within 30s of cancellation")
			}
		})
	}
	defer stop()

	const sourcesQuery = `{"query":"{ sources { name freshness { status newest ageSeconds lastLoad { id } } schedule { loads failures nextLoadAt lastError } } }"}`
	var src struct {
		Name      string
		Freshness struct {
			Status     string
			Newest     string
			AgeSeconds int
			LastLoad   *struct{ ID string }
		}
		Schedule *struct {
			Loads, Failures int
			NextLoadAt      *time.Time
			LastError       *string
		}
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		var out struct {
			Data   struct{ Sources []json.RawMessage }
			Errors []any
		}
		postJSON(t, "http://"+addr+"/graphql", sourcesQuery, &out)
		if len(out.Errors) > 0 || len(out.Data.Sources) != 1 {
			t.Fatalf("sources: errors %v, %d sources", out.Errors, len(out.Data.Sources))
		}
		if err := json.Unmarshal(out.Data.Sources[0], &src); err != nil {
			t.Fatal(err)
		}
		if src.Freshness.LastLoad != nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if src.Freshness.LastLoad == nil || src.Freshness.LastLoad.ID == "" {
		t.Fatalf("web_orders was not loaded within 20s: %+v\n%s", src, logs.String())
	}
	if src.Freshness.Status != "ok" || src.Freshness.Newest != newest.Format(time.RFC3339) {
		t.Errorf("web_orders freshness = %+v, want ok with newest %s", src.Freshness, newest.Format(time.RFC3339))
	}
	if age := src.Freshness.AgeSeconds; age < 7200 || age > 7200+60 {
		t.Errorf("web_orders ageSeconds = %d, want about 7200", age)
	}
	sch := src.Schedule
	if sch == nil || sch.Loads != 1 || sch.Failures != 0 || sch.LastError != nil || sch.NextLoadAt == nil {
		t.Fatalf("web_orders schedule = %+v, want one load, no failure, a next load", sch)
	}
	if until := time.Until(*sch.NextLoadAt); until < 59*time.Minute || until > time.Hour {
		t.Errorf("next load in %s, want about 1h", until)
	}

	var res struct {
		Data struct {
			Query struct {
				Rows    [][]any
				Sources []struct {
					Name      string
					Freshness struct{ Status string }
				}
			}
		}
		Errors []any
	}
	postJSON(t, "http://"+addr+"/graphql", `{"query":"{ query(input: {metrics: [\"order_total\"]}) { rows sources { name freshness { status } } } }"}`, &res)
	q := res.Data.Query
	if len(res.Errors) > 0 || len(q.Rows) != 1 || len(q.Rows[0]) != 1 || q.Rows[0][0] != "52.50" {
		t.Errorf("order_total: errors %v rows %v, want 52.50", res.Errors, q.Rows)
	}
	if len(q.Sources) != 1 || q.Sources[0].Name != "web_orders" || q.Sources[0].Freshness.Status != "ok" {
		t.Errorf("order_total sources = %+v, want web_orders ok", q.Sources)
	}
	if !strings.Contains(logs.String(), `"msg":"scheduled load","source":"web_orders","rows":2`) {
		t.Errorf("log lacks the scheduled load of 2 rows:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), `"msg":"identity resolved after a scheduled load","identity":"customer","source":"web_orders","run":1,"records":2,"new":1,`) {
		t.Errorf("log lacks the identity run that joins both orders into one customer:\n%s", logs.String())
	}

	stop()
	for _, msg := range []string{`"msg":"scheduler leadership acquired"`, `"msg":"scheduler leadership released"`, `"msg":"stopped"`} {
		if !strings.Contains(logs.String(), msg) {
			t.Errorf("log lacks %s", msg)
		}
	}
}

// postJSON posts body and decodes the JSON response into out.
func postJSON(t *testing.T, url, body string, out any) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatalf("decode %s response: %v", url, err)
	}
}

// syncLog is a log sink safe for the server's concurrent goroutines.
type syncLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// TestServeReferenceDemoGuards serves the reference definitions over the
// zero-config demo, which ends in the current week, and queries reconciled
// ROAS by channel. The result lists the sources it read. It carries a
// GUARD_WARNING exactly when the newest ad spend is more than 36h old.
func TestServeReferenceDemoGuards(t *testing.T) {
	cfg, code := parseServeFlags(streams{stderr: io.Discard}, []string{"--addr", "127.0.0.1:0", "--definitions", referenceDefs, "--schedule-loads=false"})
	if code >= 0 {
		t.Fatalf("parse flags: exit %d", code)
	}
	var logs syncLog
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, log, ready) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve returned %v after shutdown", err)
		}
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve stopped before listening: %v\n%s", err, logs.String())
	}

	var res struct {
		Data struct {
			Query struct {
				Rows     [][]any
				Warnings []struct{ Code, Summary string }
				Sources  []struct {
					Name      string
					Freshness struct {
						Status     string
						AgeSeconds *int
					}
				}
			}
		}
		Errors     []any
		Extensions map[string]any
	}
	op := `{"query":"{ query(input: {metrics: [\"reconciled_roas\"], groupBy: [\"channel__name\"]}) { rows warnings { code summary } sources { name freshness { status ageSeconds } } } }"}`
	postJSON(t, "http://"+addr+"/graphql", op, &res)
	q := res.Data.Query
	if len(res.Errors) > 0 || len(q.Rows) == 0 {
		t.Fatalf("reconciled_roas by channel: errors %v, %d rows", res.Errors, len(q.Rows))
	}
	var used []string
	for _, s := range q.Sources {
		used = append(used, s.Name)
	}
	if got := strings.Join(used, ","); got != "ad_spend,billing_payments" {
		t.Errorf("sources = %s, want ad_spend,billing_payments", got)
	}
	spend := q.Sources[0].Freshness
	if spend.AgeSeconds == nil || *spend.AgeSeconds < 0 || *spend.AgeSeconds > 8*86400 {
		t.Fatalf("ad_spend age = %v s, want at most 8 days (the demo ends in the current week)", deref(spend.AgeSeconds))
	}
	stale := *spend.AgeSeconds > 36*3600
	warned := len(q.Warnings) == 1 && q.Warnings[0].Code == "GUARD_WARNING" &&
		q.Warnings[0].Summary == "reconciled_roas: ad spend is more than 36 hours old, so recent days lack spend"
	if stale != warned {
		t.Errorf("ad_spend age %d s (older than 36h: %v) but warnings = %+v", *spend.AgeSeconds, stale, q.Warnings)
	}
	if _, ok := res.Extensions["warnings"]; ok != stale {
		t.Errorf("extensions.warnings present = %v, want %v", ok, stale)
	}
	t.Logf("ad_spend %s, age %d s, %d channels, warnings %+v", spend.Status, *spend.AgeSeconds, len(q.Rows), q.Warnings)
}

// deref returns *p, or nil for a nil pointer, so a failure prints the
// value rather than an address.
func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
