package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/metricsd/metricsd/demo"
	"github.com/metricsd/metricsd/demo/withidentity"
	"github.com/metricsd/metricsd/server"
	"github.com/metricsd/metricsd/server/api"
	"github.com/metricsd/metricsd/warehouse"
)

// benchRequest is the dashboard query the product is built for: reconciled
// and platform-reported ROAS by channel, weekly, over the last 12 weeks of
// the demo data, in Europe/Berlin.
var benchRequest = api.Request{
	Metrics:   []string{"reconciled_roas", "platform_roas"},
	GroupBy:   []string{"metric_time__week", "channel__name"},
	TimeRange: &api.TimeRange{Start: "2026-09-07", End: "2026-11-29"},
	TimeZone:  "Europe/Berlin",
	Limit:     1000,
}

func benchInput() map[string]any {
	return map[string]any{
		"metrics":   benchRequest.Metrics,
		"groupBy":   benchRequest.GroupBy,
		"timeRange": map[string]string{"start": benchRequest.TimeRange.Start, "end": benchRequest.TimeRange.End},
		"timeZone":  benchRequest.TimeZone,
	}
}

type demoEnv struct {
	url string
	svc *server.Service
	wh  *warehouse.Warehouse
}

// newDemoEnv serves the repository's definitions over an in-memory DuckDB
// loaded with the demo business, as `metricsd serve` does with no flags.
func newDemoEnv(b *testing.B) *demoEnv {
	b.Helper()
	ctx := context.Background()
	wh, err := warehouse.Open(ctx, "duckdb:", warehouse.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { wh.Close() })
	if _, _, err := withidentity.Load(ctx, wh, demo.Config{Seed: 1}, demo.LoadOptions{}); err != nil {
		b.Fatal(err)
	}
	svc := server.NewService(server.ServiceOptions{Dir: filepath.Join("..", "definitions"), Warehouse: wh})
	if err := svc.Reload(ctx); err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(server.NewServer(svc, nil, nil).Handler())
	b.Cleanup(srv.Close)
	return &demoEnv{url: srv.URL, svc: svc, wh: wh}
}

// postQuery sends the benchmark query and fails on any GraphQL error.
func (e *demoEnv) postQuery(b *testing.B, client *http.Client, body []byte) {
	resp, err := client.Post(e.url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		b.Error(err)
		return
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var r gqlResponse
	if err := json.Unmarshal(raw, &r); err != nil || len(r.Errors) > 0 || resp.StatusCode != http.StatusOK {
		b.Errorf("status %d: %s", resp.StatusCode, raw)
	}
}

func reportLatency(b *testing.B, lat []time.Duration, elapsed time.Duration) {
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

func benchGraphQL(b *testing.B, workers int) {
	e := newDemoEnv(b)
	body, _ := json.Marshal(map[string]any{"query": queryOp, "variables": map[string]any{"in": benchInput()}})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	e.postQuery(b, client, body) // warm the connection and the query cache
	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	started := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				t0 := time.Now()
				e.postQuery(b, client, body)
				lat[i] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	reportLatency(b, lat, time.Since(started))
}

// BenchmarkGraphQLParallel is four concurrent clients on loopback:
// throughput and latency under load.
func BenchmarkGraphQLParallel(b *testing.B) { benchGraphQL(b, 4) }

// BenchmarkGraphQLVsRawSQL alternates one GraphQL request with one direct
// run of the SQL it compiles to (no HTTP, GraphQL or compilation), so both
// see the same machine load. It reports the GraphQL p50 and p99, the SQL
// p50, and the ratio of the two medians.
func BenchmarkGraphQLVsRawSQL(b *testing.B) {
	e := newDemoEnv(b)
	ctx := context.Background()
	c, err := e.svc.Compile(ctx, benchRequest)
	if err != nil {
		b.Fatal(err)
	}
	body, _ := json.Marshal(map[string]any{"query": queryOp, "variables": map[string]any{"in": benchInput()}})
	client := &http.Client{}
	e.postQuery(b, client, body)
	endToEnd := make([]time.Duration, b.N)
	raw := make([]time.Duration, b.N)
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		if _, err := e.wh.Query(ctx, c.SQL, c.Args); err != nil {
			b.Fatal(err)
		}
		raw[i] = time.Since(t0)
		t0 = time.Now()
		e.postQuery(b, client, body)
		endToEnd[i] = time.Since(t0)
	}
	slices.Sort(raw)
	slices.Sort(endToEnd)
	ms := func(d []time.Duration, p float64) float64 {
		return float64(d[int(p*float64(len(d)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(ms(endToEnd, 0.5), "graphql-p50-ms")
	b.ReportMetric(ms(endToEnd, 0.99), "graphql-p99-ms")
	b.ReportMetric(ms(raw, 0.5), "sql-p50-ms")
	b.ReportMetric(ms(endToEnd, 0.5)/ms(raw, 0.5), "ratio")
}
