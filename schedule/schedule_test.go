package schedule

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/metricsd/metricsd/ingest"
	"github.com/metricsd/metricsd/semantic/model"
)

// start is the fake clock's first reading in every test.
var start = time.Date(2025, 3, 1, 6, 0, 0, 0, time.UTC)

// csvSource declares a source read from name.csv into table name, with an
// integer id and a text note.
func csvSource(name, refresh string) *model.Source {
	return &model.Source{
		Name: name, Refresh: refresh,
		Location: model.Location{Table: name, Files: name + ".csv", Columns: []model.Column{
			{Name: "id", Type: "integer"},
			{Name: "note", Type: "text"},
		}},
	}
}

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func openDuckDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// syncBuffer is a log destination safe for the scheduler's goroutine.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// records returns the JSON log lines whose msg starts with prefix.
func (b *syncBuffer) records(t *testing.T, prefix string) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(b.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if msg, _ := rec["msg"].(string); strings.HasPrefix(msg, prefix) {
			out = append(out, rec)
		}
	}
	return out
}

// runScheduler starts s.Run and returns a function that stops it and
// checks that Run returned nil.
func runScheduler(t *testing.T, s *Scheduler) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	errc := make(chan error, 1)
	go func() { errc <- s.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-errc:
				if err != nil {
					t.Errorf("Run returned %v, want nil after cancel", err)
				}
			case <-time.After(30 * time.Second):
				t.Error("Run did not return within 30s of cancel")
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// waitFor polls cond until it holds, failing the test after 30s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after 30s waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// statusOf returns the scheduler's entry for source, zero when absent.
func statusOf(s *Scheduler, source string) SourceStatus {
	for _, st := range s.Status() {
		if st.Source == source {
			return st
		}
	}
	return SourceStatus{}
}

func loadsAre(s *Scheduler, want map[string]int) func() bool {
	return func() bool {
		for name, n := range want {
			if statusOf(s, name).Loads != n {
				return false
			}
		}
		return true
	}
}

func countRows(t *testing.T, db *sql.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDueSourceLoadsOncePerPeriod(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "hourly.csv", "id,note\n1,a\n2,b\n")
	writeFile(t, dir, "daily.csv", "id,note\n1,x\n")
	writeFile(t, dir, "manual.csv", "id,note\n1,m\n")
	db := openDuckDB(t)
	clock := newFakeClock(start)
	logs := &syncBuffer{}
	sources := []*model.Source{
		csvSource("hourly", "1h"),
		csvSource("daily", "2h"),
		csvSource("manual", ""), // no cadence: loaded only by metricsd ingest
		{Name: "table_only", Refresh: "1h", Location: model.Location{Table: "t"}}, // nothing to ingest
	}
	s, err := New(Config{
		DB: db, Dialect: "duckdb", BaseDir: dir, Clock: clock, RetryInterval: 24 * time.Hour,
		Sources: func() []*model.Source { return sources },
		Logger:  slogJSON(logs),
	})
	if err != nil {
		t.Fatal(err)
	}
	runScheduler(t, s)

	// A new leader loads every source at once.
	waitFor(t, "first loads", loadsAre(s, map[string]int{"hourly": 1, "daily": 1}))
	if !s.Leader() {
		t.Error("Leader() = false on DuckDB, want true")
	}
	if got := len(s.Status()); got != 2 {
		t.Errorf("scheduled sources = %d, want 2 (hourly, daily)", got)
	}
	hourly := statusOf(s, "hourly")
	if hourly.Refresh != time.Hour || hourly.Last.Rows != 2 || hourly.Last.Files != 1 || hourly.Last.Err != nil {
		t.Errorf("hourly after the first load = %+v, last %+v", hourly, hourly.Last)
	}
	waitFor(t, "hourly next due", func() bool { return statusOf(s, "hourly").Next.Equal(start.Add(time.Hour)) })

	// Half a period later nothing is due; a full period later only the
	// hourly source is, and it reads the file's new version.
	clock.Advance(30 * time.Minute)
	writeFile(t, dir, "hourly.csv", "id,note\n1,a\n2,b\n3,c\n")
	clock.Advance(30 * time.Minute)
	waitFor(t, "second hourly load", loadsAre(s, map[string]int{"hourly": 2}))
	if n := statusOf(s, "daily").Loads; n != 1 {
		t.Errorf("daily loads after 1h = %d, want 1", n)
	}
	if last := statusOf(s, "hourly").Last; last.Rows != 3 || last.Files != 1 {
		t.Errorf("second hourly load = %+v, want 3 rows from 1 file", last)
	}
	if n := countRows(t, db, "hourly"); n != 3 {
		t.Errorf("hourly table has %d rows, want 3 (the old version replaced)", n)
	}

	// At two hours both are due; the unchanged files are skipped.
	clock.Advance(time.Hour)
	waitFor(t, "loads at 2h", loadsAre(s, map[string]int{"hourly": 3, "daily": 2}))
	if last := statusOf(s, "daily").Last; last.Skipped != 1 || last.Files != 0 || last.Rows != 0 {
		t.Errorf("daily load at 2h = %+v, want its one file skipped", last)
	}
	if next := statusOf(s, "daily").Next; !next.Equal(start.Add(4 * time.Hour)) {
		t.Errorf("daily next due = %v, want %v", next, start.Add(4*time.Hour))
	}

	lines := logs.records(t, "scheduled load")
	if len(lines) != 5 {
		t.Fatalf("logged %d load lines, want 5", len(lines))
	}
	for _, key := range []string{"source", "rows", "duration_ms", "load_id"} {
		if _, ok := lines[0][key]; !ok {
			t.Errorf("load log line %v lacks %s", lines[0], key)
		}
	}
}

func TestFailingLoadRetriedNextPeriod(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "bad.csv", "id,note\n1,ok\nnot-a-number,broken\n")
	writeFile(t, dir, "good.csv", "id,note\n1,fine\n")
	db := openDuckDB(t)
	clock := newFakeClock(start)
	logs := &syncBuffer{}
	var mu sync.Mutex
	var hooked []string
	sources := []*model.Source{csvSource("bad", "1h"), csvSource("good", "1h")}
	s, err := New(Config{
		DB: db, Dialect: "duckdb", BaseDir: dir, Clock: clock, RetryInterval: 24 * time.Hour,
		Sources: func() []*model.Source { return sources },
		Logger:  slogJSON(logs),
		OnLoad: func(source string, res *ingest.Result, err error) {
			mu.Lock()
			defer mu.Unlock()
			hooked = append(hooked, fmt.Sprintf("%s:%t", source, err == nil && res != nil))
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	runScheduler(t, s)

	waitFor(t, "first round", loadsAre(s, map[string]int{"bad": 1, "good": 1}))
	bad := statusOf(s, "bad")
	var reject *ingest.RejectError
	if bad.Failures != 1 || !errors.As(bad.Last.Err, &reject) || bad.Last.LoadID != "" {
		t.Fatalf("bad after the first round = %+v, last %+v, want one rejected load", bad, bad.Last)
	}
	if !strings.Contains(bad.Last.Err.Error(), "bad.csv:3:") {
		t.Errorf("rejection %q does not name bad.csv:3", bad.Last.Err)
	}
	if good := statusOf(s, "good"); good.Failures != 0 || good.Last.Rows != 1 {
		t.Errorf("good after the first round = %+v, last %+v, want 1 row loaded", good, good.Last)
	}
	failed := logs.records(t, "scheduled load failed")
	if len(failed) != 1 || failed[0]["source"] != "bad" || failed[0]["level"] != "ERROR" || !strings.Contains(fmt.Sprint(failed[0]["err"]), "bad.csv:3:") {
		t.Errorf("failure log lines = %v, want one ERROR for bad naming bad.csv:3", failed)
	}
	if n := countRows(t, db, "good"); n != 1 {
		t.Errorf("good table has %d rows, want 1", n)
	}

	// The next period retries the fixed file; the good source keeps its
	// cadence.
	writeFile(t, dir, "bad.csv", "id,note\n1,ok\n2,fixed\n")
	clock.Advance(time.Hour)
	waitFor(t, "second round", loadsAre(s, map[string]int{"bad": 2, "good": 2}))
	bad = statusOf(s, "bad")
	if bad.Failures != 1 || bad.Last.Err != nil || bad.Last.Rows != 2 {
		t.Errorf("bad after the retry = %+v, last %+v, want 2 rows loaded", bad, bad.Last)
	}
	if n := countRows(t, db, "bad"); n != 2 {
		t.Errorf("bad table has %d rows, want 2", n)
	}
	mu.Lock()
	defer mu.Unlock()
	if got := strings.Join(hooked, ","); got != "bad:false,good:true,bad:true,good:true" {
		t.Errorf("OnLoad calls = %s", got)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	db := openDuckDB(t)
	none := func() []*model.Source { return nil }
	cases := map[string]Config{
		"Config.DB is nil":        {Dialect: "duckdb", Sources: none},
		`unknown dialect "mysql"`: {DB: db, Dialect: "mysql", Sources: none},
		"Config.Sources is nil":   {DB: db, Dialect: "duckdb"},
	}
	for want, cfg := range cases {
		if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("New error = %v, want one containing %q", err, want)
		}
	}
}

func slogJSON(w *syncBuffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, nil))
}

func TestReloadedSourcesTakeEffect(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "first.csv", "id,note\n1,a\n")
	writeFile(t, dir, "second.csv", "id,note\n1,a\n2,b\n")
	db := openDuckDB(t)
	clock := newFakeClock(start)
	var mu sync.Mutex
	sources := []*model.Source{csvSource("first", "1h")}
	s, err := New(Config{
		DB: db, Dialect: "duckdb", BaseDir: dir, Clock: clock, RetryInterval: 10 * time.Minute,
		Sources: func() []*model.Source {
			mu.Lock()
			defer mu.Unlock()
			return sources
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	runScheduler(t, s)
	waitFor(t, "first load", loadsAre(s, map[string]int{"first": 1}))

	// A reload replaces first with second; the leader reads it within one
	// retry interval and loads second at once.
	mu.Lock()
	sources = []*model.Source{csvSource("second", "1h")}
	mu.Unlock()
	clock.Advance(10 * time.Minute)
	waitFor(t, "second load", loadsAre(s, map[string]int{"second": 1}))
	waitFor(t, "first forgotten", func() bool { return len(s.Status()) == 1 })
	if last := statusOf(s, "second").Last; last.Rows != 2 {
		t.Errorf("second load = %+v, want 2 rows", last)
	}
	if next := statusOf(s, "second").Next; !next.Equal(start.Add(70 * time.Minute)) {
		t.Errorf("second next due = %v, want %v", next, start.Add(70*time.Minute))
	}
}
