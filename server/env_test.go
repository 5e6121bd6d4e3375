package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/metricsd/metricsd/internal/testpg"
	"github.com/metricsd/metricsd/server"
	"github.com/metricsd/metricsd/warehouse"
)

// env is a running metricsd over a seeded warehouse, reached over real HTTP
// on 127.0.0.1.
type env struct {
	url  string
	dir  string // a private copy of testdata/definitions, safe to rewrite
	svc  *server.Service
	wh   *warehouse.Warehouse
	logs *syncBuffer
}

// engines runs f once per warehouse engine: DuckDB always, PostgreSQL when
// testpg finds a server (required under CI=true).
func engines(t *testing.T, f func(t *testing.T, e *env)) {
	t.Run("duckdb", func(t *testing.T) { f(t, newEnv(t, "duckdb:")) })
	t.Run("postgres", func(t *testing.T) { f(t, newEnv(t, testpg.Schema(t))) })
}

func newEnv(t testing.TB, dsn string) *env {
	t.Helper()
	return newEnvWith(t, dsn, envOptions{})
}

// envOptions vary the test server.
type envOptions struct {
	// extraDefs is a directory whose files are added to the definitions.
	extraDefs string
	// now fixes the service clock; the wall clock when zero.
	now time.Time
}

func newEnvWith(t testing.TB, dsn string, opts envOptions) *env {
	t.Helper()
	ctx := context.Background()
	wh, err := warehouse.Open(ctx, dsn, warehouse.Options{})
	if err != nil {
		t.Fatalf("open warehouse: %v", err)
	}
	t.Cleanup(func() { wh.Close() })
	seed(t, wh)

	dir := t.TempDir()
	copyDir(t, filepath.Join("testdata", "definitions"), dir)
	if opts.extraDefs != "" {
		copyDir(t, opts.extraDefs, dir)
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	reg := prometheus.NewRegistry()
	svcOpts := server.ServiceOptions{Dir: dir, Warehouse: wh, Logger: log, Registerer: reg}
	if !opts.now.IsZero() {
		svcOpts.Now = func() time.Time { return opts.now }
	}
	svc := server.NewService(svcOpts)
	if err := svc.Reload(ctx); err != nil {
		t.Fatalf("load test definitions: %v\n%s", err, logs.String())
	}
	srv := httptest.NewServer(server.NewServer(svc, log, reg).Handler())
	t.Cleanup(srv.Close)
	return &env{url: srv.URL, dir: dir, svc: svc, wh: wh, logs: logs}
}

func seed(t testing.TB, wh *warehouse.Warehouse) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "seed.sql"))
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range strings.Split(string(data), ";\n") {
		if strings.TrimSpace(stripComments(stmt)) == "" {
			continue
		}
		if _, err := wh.DB().Exec(stmt); err != nil {
			t.Fatalf("seed: %v\n%s", err, stmt)
		}
	}
}

func stripComments(sql string) string {
	var b strings.Builder
	for _, line := range strings.Split(sql, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "--") {
			b.WriteString(line)
		}
	}
	return b.String()
}

func copyDir(t testing.TB, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// gqlResponse is a GraphQL response body.
type gqlResponse struct {
	Data       json.RawMessage `json:"data"`
	Errors     []gqlError      `json:"errors"`
	Extensions map[string]any  `json:"extensions"`
}

type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// graphql posts one operation and decodes the response; data is decoded
// into out when out is not nil and the response has no errors.
func (e *env) graphql(t testing.TB, query string, vars map[string]any, out any) gqlResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	resp, err := http.Post(e.url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var r gqlResponse
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("decode GraphQL response (status %d): %v\n%s", resp.StatusCode, err, raw)
	}
	if out != nil && len(r.Errors) == 0 {
		if err := json.Unmarshal(r.Data, out); err != nil {
			t.Fatalf("decode data: %v\n%s", err, r.Data)
		}
	}
	return r
}

// get fetches path and returns the status, content type and body.
func (e *env) get(t testing.TB, path string) (int, string, []byte) {
	t.Helper()
	resp, err := http.Get(e.url + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), body
}

// syncBuffer is a log sink safe for concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
