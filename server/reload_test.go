package server_test

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/metricsd/metricsd/server/api"
)

// waitFor polls cond until it holds or a generous deadline passes. It
// waits for the file watcher, not for a speed goal.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// extraMetric appends a metric named name to the revenue definitions.
func extraMetric(base, name string) string {
	return base + fmt.Sprintf(`  - name: %s
    version: 1
    label: Extra leads
    description: A copy of leads, added by the reload test.
    owner: growth
    type: simple
    measure: lead_count
`, name)
}

func TestReloadUnderLoad(t *testing.T) {
	engines(t, testReloadUnderLoad)
}

func testReloadUnderLoad(t *testing.T, e *env) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e.svc.WatchDefinitions(ctx, 50*time.Millisecond)

	path := filepath.Join(e.dir, "revenue.yml")
	base, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const want = "2025-01 3 2 1200.50"

	// Clients query without pause while definitions change under them.
	var requests, failures atomic.Int64
	var firstFailure atomic.Value
	stop := make(chan struct{})
	var wg sync.WaitGroup
	stopClients := sync.OnceFunc(func() {
		close(stop)
		wg.Wait()
	})
	t.Cleanup(stopClients)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				var data queryData
				r := e.graphql(t, queryOp, map[string]any{"in": monthlyInput("Europe/Berlin")}, &data)
				requests.Add(1)
				if len(r.Errors) > 0 || !strings.HasPrefix(table(data.Query.Rows), want) {
					failures.Add(1)
					firstFailure.CompareAndSwap(nil, fmt.Sprintf("errors %+v rows %s", r.Errors, table(data.Query.Rows)))
				}
			}
		}()
	}

	version := func() string { return e.svc.Status(ctx).Version }
	for i := range 4 {
		before := version()
		name := fmt.Sprintf("extra_leads_%d", i)
		if err := os.WriteFile(path, []byte(extraMetric(string(base), name)), 0o644); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "reload "+name, func() bool { return version() != before && e.svc.Status(ctx).LastLoadOK })
		var cat catalogData
		e.graphql(t, catalogQuery, nil, &cat)
		if n := len(cat.Metrics); n != 6 {
			t.Errorf("after adding %s: %d metrics, want 6", name, n)
		}
	}

	// A broken edit keeps the last good set serving and reports why.
	good := version()
	if err := os.WriteFile(path, append(append([]byte{}, base...), "  - name: [broken\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the broken edit to be rejected", func() bool { return !e.svc.Status(ctx).LastLoadOK })
	var st struct {
		DefinitionsStatus struct {
			Version     string
			LastLoadOk  bool
			Diagnostics []struct {
				Severity, Code string
				Position       struct {
					File string
					Line int
				}
			}
		}
	}
	e.graphql(t, `{ definitionsStatus { version lastLoadOk diagnostics { severity code position { file line } } } }`, nil, &st)
	ds := st.DefinitionsStatus
	if ds.Version != good || ds.LastLoadOk {
		t.Errorf("after a broken edit: version %s lastLoadOk %v, want %s and false", ds.Version, ds.LastLoadOk, good)
	}
	if len(ds.Diagnostics) == 0 || ds.Diagnostics[0].Code != "YAML_SYNTAX" || ds.Diagnostics[0].Position.File != "revenue.yml" {
		t.Errorf("diagnostics = %+v, want YAML_SYNTAX in revenue.yml", ds.Diagnostics)
	}
	if !strings.Contains(e.logs.String(), "definitions invalid") {
		t.Error("the rejected reload was not logged")
	}

	// Requests keep succeeding on the old set for a while.
	served := requests.Load()
	waitFor(t, "requests after the broken edit", func() bool { return requests.Load() > served+20 })

	stopClients()
	if n := failures.Load(); n > 0 {
		t.Errorf("%d of %d requests failed during reloads; first: %v", n, requests.Load(), firstFailure.Load())
	}
	if requests.Load() < 50 {
		t.Errorf("only %d requests ran; the load did not overlap the reloads", requests.Load())
	}
	t.Logf("%d requests, %d failures, across 4 reloads and 1 rejected edit", requests.Load(), failures.Load())
}

func TestReloadInvalidReference(t *testing.T) {
	e := newEnv(t, "duckdb:")
	ctx := context.Background()
	good := e.svc.Status(ctx).Version
	path := filepath.Join(e.dir, "revenue.yml")
	base, _ := os.ReadFile(path)
	broken := strings.Replace(string(base), "measure: lead_count", "measure: lead_cont", 1)
	os.WriteFile(path, []byte(broken), 0o644)
	if err := e.svc.Reload(ctx); err == nil {
		t.Fatal("Reload accepted a metric naming an unknown measure")
	}
	st := e.svc.Status(ctx)
	if st.Version != good || st.LastLoadOK {
		t.Errorf("status = %+v, want version %s kept and lastLoadOk false", st, good)
	}
	if len(st.Diagnostics) == 0 || st.Diagnostics[0].Code != "UNKNOWN_MEASURE" {
		t.Errorf("diagnostics = %v, want UNKNOWN_MEASURE", st.Diagnostics)
	}
	var data queryData
	if r := e.graphql(t, queryOp, map[string]any{"in": monthlyInput("Europe/Berlin")}, &data); len(r.Errors) > 0 {
		t.Errorf("query on the kept set failed: %+v", r.Errors)
	}
}

func TestReloadOnSIGHUP(t *testing.T) {
	// Catch SIGHUP here too, so the signal can never take the default
	// action (terminate) before the watcher has subscribed.
	own := make(chan os.Signal, 1)
	signal.Notify(own, syscall.SIGHUP)
	defer signal.Stop(own)

	e := newEnv(t, "duckdb:")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// A long debounce, so only SIGHUP can explain a prompt reload.
	e.svc.WatchDefinitions(ctx, time.Hour)
	before := e.svc.Status(ctx).LastAttemptAt
	path := filepath.Join(e.dir, "revenue.yml")
	base, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(extraMetric(string(base), "sighup_leads")), 0o644)
	waitFor(t, "SIGHUP reload", func() bool {
		syscall.Kill(os.Getpid(), syscall.SIGHUP)
		time.Sleep(50 * time.Millisecond)
		return e.svc.Status(ctx).LastAttemptAt.After(before)
	})
	if n := e.svc.Status(ctx).Metrics; n != 6 {
		t.Errorf("after SIGHUP: %d metrics, want 6", n)
	}
}

func TestReloadPinnedRequestKeepsItsSet(t *testing.T) {
	e := newEnv(t, "duckdb:")
	ctx := context.Background()
	pinned := e.svc.Pin(ctx)
	path := filepath.Join(e.dir, "revenue.yml")
	base, _ := os.ReadFile(path)
	renamed := strings.Replace(string(base), "  - name: booked_revenue\n", "  - name: won_revenue\n", 1)
	if err := os.WriteFile(path, []byte(renamed), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Reload(ctx); err != nil {
		t.Fatal(err)
	}

	// A request that started before the reload still reads booked_revenue.
	req := api.Request{Metrics: []string{"booked_revenue"}, Limit: 10}
	res, err := e.svc.Query(pinned, req)
	if err != nil {
		t.Fatalf("pinned query: %v", err)
	}
	if res.DefinitionsVersion == e.svc.Status(ctx).Version {
		t.Error("the pinned query ran on the new set")
	}
	if len(res.Rows) != 1 || fmt.Sprint(res.Rows[0][0]) != "100001200.59" {
		t.Errorf("pinned booked_revenue rows = %v, want [[100001200.59]]", res.Rows)
	}

	// A new request reads the renamed metric only.
	if _, err := e.svc.Query(ctx, req); err == nil || api.AsError(err).Code != "UNKNOWN_METRIC" {
		t.Errorf("unpinned query of the old name: err %v, want UNKNOWN_METRIC", err)
	}
}
