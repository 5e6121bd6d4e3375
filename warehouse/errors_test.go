package warehouse_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/metricsd/metricsd/internal/testpg"
	"github.com/metricsd/metricsd/warehouse"
)

// codeOf returns the *warehouse.Error code of err, failing when err is of
// another type.
func codeOf(t *testing.T, err error) *warehouse.Error {
	t.Helper()
	var we *warehouse.Error
	if !errors.As(err, &we) {
		t.Fatalf("error %v (%T) is not a *warehouse.Error", err, err)
	}
	return we
}

func TestSQLErrorCodes(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			w := e.open(t, warehouse.Options{})
			_, err := w.Query(context.Background(), `SELECT * FROM no_such_table`, nil)
			we := codeOf(t, err)
			if we.Code != warehouse.CodeSQL {
				t.Errorf("code = %s, want SQL_ERROR (%v)", we.Code, err)
			}
			wantState := map[string]string{"duckdb": "", "postgres": "42P01"}[e.name]
			if we.SQLState != wantState {
				t.Errorf("SQLSTATE = %q, want %q", we.SQLState, wantState)
			}
		})
	}
}

func TestUnsupportedDSN(t *testing.T) {
	_, err := warehouse.Open(context.Background(), "mysql://root:secret@127.0.0.1/db", warehouse.Options{})
	if err == nil || !strings.Contains(err.Error(), "unsupported DSN") {
		t.Fatalf("err = %v, want unsupported DSN", err)
	}
	if strings.Contains(err.Error(), "secret") {
		t.Errorf("error shows the password: %v", err)
	}
}

func TestDuckDBFileDSN(t *testing.T) {
	path := t.TempDir() + "/demo.duckdb"
	w := openOrFail(t, "duckdb:"+path, warehouse.Options{})
	mustExec(t, w, `CREATE TABLE kept (x INTEGER)`)
	mustExec(t, w, `INSERT INTO kept VALUES (42)`)
	w.Close()
	again := openOrFail(t, "duckdb:"+path, warehouse.Options{})
	res := mustQuery(t, again, `SELECT x FROM kept`)
	if res.Rows[0][0] != int64(42) {
		t.Errorf("x = %v after reopening, want 42", res.Rows[0][0])
	}
}

func TestDuckDBTimeoutAndCancel(t *testing.T) {
	const slow = `SELECT SUM(a.range * b.range) FROM range(100000000) a, range(1000) b`
	w := openOrFail(t, "duckdb:", warehouse.Options{QueryTimeout: 200 * time.Millisecond})
	_, err := w.Query(context.Background(), slow, nil)
	if we := codeOf(t, err); we.Code != warehouse.CodeTimeout {
		t.Errorf("timeout code = %s, want TIMEOUT (%v)", we.Code, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err = w.Query(ctx, slow, nil)
	if we := codeOf(t, err); we.Code != warehouse.CodeCancelled {
		t.Errorf("cancel code = %s, want CANCELLED (%v)", we.Code, err)
	}
	res := mustQuery(t, w, `SELECT 1 AS one`)
	if res.Rows[0][0] != int64(1) {
		t.Errorf("query after cancel = %v, want 1", res.Rows[0][0])
	}
}

// runningBackends counts PostgreSQL backends other than the caller's that
// are running a statement containing marker.
func runningBackends(t *testing.T, w *warehouse.Warehouse, marker string) (int64, int64) {
	t.Helper()
	res := mustQuery(t, w, `SELECT COUNT(*), COALESCE(MAX(pid), 0) FROM pg_stat_activity
		WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE '%' || $1 || '%'`, marker)
	return res.Rows[0][0].(int64), res.Rows[0][1].(int64)
}

// waitForBackends polls until want backends run marker, or 5s pass.
func waitForBackends(t *testing.T, w *warehouse.Warehouse, marker string, want int64) int64 {
	t.Helper()
	var n, pid int64
	for range 100 {
		if n, pid = runningBackends(t, w, marker); n == want {
			return pid
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%d backends run %s after 5s, want %d", n, marker, want)
	return 0
}

// TestPostgresCancelStopsBackend cancels a pg_sleep(30) through its
// context and checks that the server stopped running it.
func TestPostgresCancelStopsBackend(t *testing.T) {
	w := openOrFail(t, testpg.Schema(t), warehouse.Options{MaxOpenConns: 2})
	marker := fmt.Sprintf("cancel_marker_%d", time.Now().UnixNano())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := w.Query(ctx, `SELECT pg_sleep(30) AS `+marker, nil)
		done <- err
	}()
	waitForBackends(t, w, marker, 1)
	cancelled := time.Now()
	cancel()
	err := <-done
	if we := codeOf(t, err); we.Code != warehouse.CodeCancelled {
		t.Errorf("code = %s, want CANCELLED (%v)", we.Code, err)
	}
	waitForBackends(t, w, marker, 0)
	t.Logf("Query returned %v after cancel; pg_stat_activity showed no backend running it after %v", err, time.Since(cancelled))
}

func TestPostgresStatementTimeout(t *testing.T) {
	w := openOrFail(t, testpg.Schema(t), warehouse.Options{QueryTimeout: 300 * time.Millisecond})
	_, err := w.Query(context.Background(), `SELECT pg_sleep(5)`, nil)
	if we := codeOf(t, err); we.Code != warehouse.CodeTimeout {
		t.Errorf("code = %s, want TIMEOUT (%v)", we.Code, err)
	}
}

// TestPostgresServerTimeoutAlone sets statement_timeout in the DSN and no
// client deadline close to it, so only the server stops the statement.
func TestPostgresServerTimeoutAlone(t *testing.T) {
	dsn := testpg.Schema(t) + "&statement_timeout=100"
	w := openOrFail(t, dsn, warehouse.Options{QueryTimeout: time.Minute})
	_, err := w.Query(context.Background(), `SELECT pg_sleep(5)`, nil)
	we := codeOf(t, err)
	if we.Code != warehouse.CodeTimeout || we.SQLState != "57014" {
		t.Errorf("code, SQLSTATE = %s, %s; want TIMEOUT, 57014 (%v)", we.Code, we.SQLState, err)
	}
}

// TestPostgresTerminatedConnection kills the backend of a running query;
// the query fails with a coded error and the next query succeeds on a new
// connection.
func TestPostgresTerminatedConnection(t *testing.T) {
	w := openOrFail(t, testpg.Schema(t), warehouse.Options{MaxOpenConns: 2})
	marker := fmt.Sprintf("terminate_marker_%d", time.Now().UnixNano())
	done := make(chan error, 1)
	go func() {
		_, err := w.Query(context.Background(), `SELECT pg_sleep(30) AS `+marker, nil)
		done <- err
	}()
	pid := waitForBackends(t, w, marker, 1)
	if res := mustQuery(t, w, `SELECT pg_terminate_backend($1)`, pid); res.Rows[0][0] != true {
		t.Fatalf("pg_terminate_backend(%d) = %v, want true", pid, res.Rows[0][0])
	}
	err := <-done
	// lib/pq turns the FATAL 57P01 into driver.ErrBadConn, so no SQLSTATE
	// is left to check.
	if we := codeOf(t, err); we.Code != warehouse.CodeUnreachable {
		t.Errorf("code = %s, want UNREACHABLE (%v)", we.Code, err)
	}
	for i := range 3 {
		res := mustQuery(t, w, `SELECT 1 AS one`)
		if res.Rows[0][0] != int64(1) {
			t.Errorf("query %d after terminate = %v, want 1", i, res.Rows[0][0])
		}
	}
}

func TestPostgresBadPortUnreachable(t *testing.T) {
	testpg.Schema(t) // skips without a server, so this runs where the real one does
	port := freePort(t)
	dsn := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/test?sslmode=disable", port)
	w := openOrFail(t, dsn, warehouse.Options{ConnectTimeout: 2 * time.Second})
	start := time.Now()
	err := w.Ping(context.Background())
	t.Logf("Ping on closed port %d failed after %v", port, time.Since(start))
	if we := codeOf(t, err); we.Code != warehouse.CodeUnreachable {
		t.Errorf("Ping code = %s, want UNREACHABLE (%v)", we.Code, err)
	}
	_, err = w.Query(context.Background(), `SELECT 1`, nil)
	if we := codeOf(t, err); we.Code != warehouse.CodeUnreachable {
		t.Errorf("Query code = %s, want UNREACHABLE (%v)", we.Code, err)
	}
}

// TestPostgresRecoversWithoutReopen points a warehouse at a port where
// nothing listens yet, then starts a TCP relay to the real server on that
// port: the same Warehouse value answers once the relay is up, fails with
// UNREACHABLE when the relay drops, and answers again when it returns.
func TestPostgresRecoversWithoutReopen(t *testing.T) {
	testpg.Schema(t)
	port := freePort(t)
	dsn := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/test?sslmode=disable", port)
	w := openOrFail(t, dsn, warehouse.Options{MaxOpenConns: 1})

	_, err := w.Query(context.Background(), `SELECT 1`, nil)
	if we := codeOf(t, err); we.Code != warehouse.CodeUnreachable {
		t.Fatalf("before relay: code = %s, want UNREACHABLE (%v)", we.Code, err)
	}
	relay := startRelay(t, port, "127.0.0.1:5432")
	if res := mustQuery(t, w, `SELECT 1 AS one`); res.Rows[0][0] != int64(1) {
		t.Fatalf("with relay: %v, want 1", res.Rows[0][0])
	}
	relay.stop()
	_, err = w.Query(context.Background(), `SELECT 1`, nil)
	if we := codeOf(t, err); we.Code != warehouse.CodeUnreachable {
		t.Errorf("relay down: code = %s, want UNREACHABLE (%v)", we.Code, err)
	}
	startRelay(t, port, "127.0.0.1:5432")
	if res := mustQuery(t, w, `SELECT 2 AS two`); res.Rows[0][0] != int64(2) {
		t.Errorf("relay back: %v, want 2", res.Rows[0][0])
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// relay forwards TCP connections from a local port to a backend address.
type relay struct {
	l     net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func startRelay(t *testing.T, port int, backend string) *relay {
	t.Helper()
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatalf("relay listen on %d: %v", port, err)
	}
	r := &relay{l: l}
	t.Cleanup(r.stop)
	go r.serve(backend)
	return r
}

func (r *relay) serve(backend string) {
	for {
		in, err := r.l.Accept()
		if err != nil {
			return
		}
		out, err := net.Dial("tcp", backend)
		if err != nil {
			in.Close()
			continue
		}
		r.mu.Lock()
		r.conns = append(r.conns, in, out)
		r.mu.Unlock()
		go func() { io.Copy(out, in); out.Close() }()
		go func() { io.Copy(in, out); in.Close() }()
	}
}

// stop closes the listener and every relayed connection, as a server
// restart would.
func (r *relay) stop() {
	r.l.Close()
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, c := range r.conns {
		c.Close()
	}
	r.conns = nil
}

func TestQueryLogsOneLinePerQuery(t *testing.T) {
	var buf strings.Builder
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	w := openOrFail(t, "duckdb:", warehouse.Options{Logger: logger})
	mustQuery(t, w, `SELECT 1 AS one`)
	w.Query(context.Background(), `SELECT * FROM missing_table`, nil)
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d log lines, want 2:\n%s", len(lines), buf.String())
	}
	if !strings.Contains(lines[0], `"rows":1`) || !strings.Contains(lines[0], `"dialect":"duckdb"`) {
		t.Errorf("success line = %s, want rows 1 and dialect duckdb", lines[0])
	}
	if !strings.Contains(lines[1], `"code":"SQL_ERROR"`) || !strings.Contains(lines[1], "missing_table") {
		t.Errorf("failure line = %s, want code SQL_ERROR and the error", lines[1])
	}
}
