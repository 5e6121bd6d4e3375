package server_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/metricsd/metricsd/server"
	"github.com/metricsd/metricsd/warehouse"
)

func TestOpsEndpoints(t *testing.T) {
	e := newEnv(t, "duckdb:")
	for _, path := range []string{"/healthz", "/readyz"} {
		status, _, body := e.get(t, path)
		if status != http.StatusOK {
			t.Errorf("GET %s = %d, want 200\n%s", path, status, body)
		}
	}
	status, ctype, _ := e.get(t, "/")
	if status != http.StatusOK || !strings.HasPrefix(ctype, "text/html") {
		t.Errorf("GET / = %d %s, want GraphiQL HTML", status, ctype)
	}
	if status, _, _ := e.get(t, "/nothing-here"); status != http.StatusNotFound {
		t.Errorf("GET /nothing-here = %d, want 404", status)
	}

	e.get(t, "/api/v1/query.csv?metrics=leadz")
	_, _, metrics := e.get(t, "/metrics")
	for _, want := range []string{
		`metricsd_query_errors_total{code="UNKNOWN_METRIC"} 1`,
		`metricsd_http_request_duration_seconds_count{code="400",route="api_query"} 1`,
		`metricsd_definitions_reloads_total{result="ok"} 1`,
	} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestWarehouseUnreachable serves valid definitions over a PostgreSQL DSN
// whose port has no server, on loopback.
func TestWarehouseUnreachable(t *testing.T) {
	ctx := context.Background()
	wh, err := warehouse.Open(ctx, "postgres://postgres@127.0.0.1:1/test?sslmode=disable", warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer wh.Close()
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	svc := server.NewService(server.ServiceOptions{Dir: filepath.Join("testdata", "definitions"), Warehouse: wh, Logger: log})
	if err := svc.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.NewServer(svc, log, nil).Handler())
	defer srv.Close()
	e := &env{url: srv.URL, svc: svc, wh: wh, logs: logs}

	status, _, body := e.get(t, "/readyz")
	var ready struct{ Status, Code string }
	json.Unmarshal(body, &ready)
	if status != http.StatusServiceUnavailable || ready.Code != "WAREHOUSE_UNREACHABLE" {
		t.Errorf("/readyz = %d %+v, want 503 WAREHOUSE_UNREACHABLE", status, ready)
	}

	r := e.graphql(t, queryOp, map[string]any{"in": map[string]any{"metrics": []string{"leads"}}}, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "WAREHOUSE_UNREACHABLE" {
		t.Errorf("query errors = %+v, want WAREHOUSE_UNREACHABLE", r.Errors)
	}
	if strings.Contains(r.Errors[0].Message, "127.0.0.1") || strings.Contains(r.Errors[0].Message, "dial") {
		t.Errorf("message %q leaks driver text", r.Errors[0].Message)
	}
	status, _, _ = e.get(t, "/api/v1/query.csv?metrics=leads")
	if status != http.StatusServiceUnavailable {
		t.Errorf("CSV on an unreachable warehouse = %d, want 503", status)
	}
	if !strings.Contains(logs.String(), `"code":"WAREHOUSE_UNREACHABLE"`) {
		t.Error("the failed query was not logged with its code")
	}

	// Catalog and compilation need no warehouse.
	var cat catalogData
	if r := e.graphql(t, catalogQuery, nil, &cat); len(r.Errors) > 0 || len(cat.Metrics) != 5 {
		t.Errorf("catalog without a warehouse: errors %+v, %d metrics", r.Errors, len(cat.Metrics))
	}
}

func TestRequestBodyLimit(t *testing.T) {
	e := newEnv(t, "duckdb:")
	big := `{"metrics": ["leads"], "where": "` + strings.Repeat(" ", 2<<20) + `"}`
	resp, err := http.Post(e.url+"/api/v1/query", "application/json", strings.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("2 MiB POST body = %d, want 400", resp.StatusCode)
	}
	// gqlgen reports an unreadable body with status 200 and an error.
	r := e.graphql(t, strings.Repeat(" ", 2<<20)+"{ metrics { name } }", nil, nil)
	if len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, "request body too large") {
		t.Errorf("2 MiB GraphQL body: errors %+v, want request body too large", r.Errors)
	}
}
