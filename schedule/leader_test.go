package schedule

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"testing"
	"time"

	_ "github.com/lib/pq"

	"github.com/metricsd/metricsd/internal/testpg"
	"github.com/metricsd/metricsd/semantic/model"
)

// randomLockKey keeps tests that run at once on one PostgreSQL database
// from contending for the same advisory lock.
func randomLockKey() int64 {
	var b [8]byte
	rand.Read(b[:])
	return int64(binary.LittleEndian.Uint64(b[:]) >> 1)
}

// replica is one scheduler of a pair sharing a database, with its own
// stop function.
type replica struct {
	s    *Scheduler
	stop func()
}

// startReplicas starts n schedulers on the database at dsn with the real clock and a 50ms
// retry interval. Each scheduler has its own *sql.DB, as separate
// processes would.
func startReplicas(t *testing.T, dsn string, n int, sources []*model.Source, dir string) []replica {
	t.Helper()
	key := randomLockKey()
	var out []replica
	for i := 0; i < n; i++ {
		db, err := sql.Open("postgres", dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		s, err := New(Config{
			DB: db, Dialect: "postgres", BaseDir: dir, LockKey: key, RetryInterval: 50 * time.Millisecond,
			Sources: func() []*model.Source { return sources },
		})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, replica{s: s, stop: runScheduler(t, s)})
	}
	return out
}

// leaders returns the indexes of the replicas that lead now.
func leaders(rs []replica) []int {
	var out []int
	for i, r := range rs {
		if r.s.Leader() {
			out = append(out, i)
		}
	}
	return out
}

// oneLeader waits until exactly one replica leads and returns its index.
func oneLeader(t *testing.T, rs []replica) int {
	t.Helper()
	waitFor(t, "one leader", func() bool { return len(leaders(rs)) == 1 })
	return leaders(rs)[0]
}

func TestPostgresOneLeaderThenTakeover(t *testing.T) {
	dsn := testpg.Schema(t)
	dir := t.TempDir()
	writeFile(t, dir, "hourly.csv", "id,note\n1,a\n2,b\n")
	sources := []*model.Source{csvSource("hourly", "1h")}
	rs := startReplicas(t, dsn, 2, sources, dir)

	first := oneLeader(t, rs)
	waitFor(t, "the leader's first load", func() bool { return statusOf(rs[first].s, "hourly").Loads == 1 })
	for i := 0; i < 20; i++ {
		if got := leaders(rs); len(got) > 1 {
			t.Fatalf("replicas %v lead at once", got)
		}
		time.Sleep(10 * time.Millisecond)
	}
	other := 1 - first
	if st := statusOf(rs[other].s, "hourly"); st.Loads != 0 {
		t.Errorf("the follower loaded %d times, want 0", st.Loads)
	}

	// When the leader stops, the other replica takes the lock and loads;
	// the unchanged file is skipped, so the ledger holds one load.
	rs[first].stop()
	if rs[first].s.Leader() {
		t.Error("the stopped replica still leads")
	}
	waitFor(t, "takeover", func() bool { return rs[other].s.Leader() })
	waitFor(t, "the new leader's load", func() bool { return statusOf(rs[other].s, "hourly").Loads == 1 })
	if last := statusOf(rs[other].s, "hourly").Last; last.Err != nil || last.Skipped != 1 {
		t.Errorf("the new leader's load = %+v, want the unchanged file skipped", last)
	}
	db := openDSN(t, dsn)
	var ledger, rows int
	if err := db.QueryRow("SELECT count(*) FROM metricsd_loads WHERE source = 'hourly'").Scan(&ledger); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT count(*) FROM hourly").Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if ledger != 1 || rows != 2 {
		t.Errorf("ledger entries %d, rows %d, want 1 and 2", ledger, rows)
	}
}

func TestPostgresLeaderLosesDeadConnection(t *testing.T) {
	dsn := testpg.Schema(t)
	rs := startReplicas(t, dsn, 2, nil, t.TempDir())

	first := oneLeader(t, rs)
	pid := rs[first].s.backendPID()
	if pid == 0 {
		t.Fatal("the leader has no lock backend")
	}
	db := openDSN(t, dsn)
	var killed bool
	if err := db.QueryRow("SELECT pg_terminate_backend($1)", pid).Scan(&killed); err != nil || !killed {
		t.Fatalf("terminate backend %d: %v %v", pid, killed, err)
	}

	// Some replica leads again, through a new session.
	waitFor(t, "a leader on a new session", func() bool {
		got := leaders(rs)
		return len(got) == 1 && rs[got[0]].s.backendPID() != pid && rs[got[0]].s.backendPID() != 0
	})
	var holders int
	err := db.QueryRowContext(context.Background(),
		"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = $1", rs[leaders(rs)[0]].s.backendPID()).Scan(&holders)
	if err != nil || holders != 1 {
		t.Errorf("advisory locks held by the new leader = %d (%v), want 1", holders, err)
	}
}

func openDSN(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestUnreachableDatabaseLogsOnce(t *testing.T) {
	// Nothing listens on port 1 of the loopback address.
	db, err := sql.Open("postgres", "postgres://postgres@127.0.0.1:1/test?sslmode=disable&connect_timeout=1")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	logs := &syncBuffer{}
	s, err := New(Config{
		DB: db, Dialect: "postgres", LockKey: randomLockKey(), RetryInterval: 10 * time.Millisecond,
		Sources: func() []*model.Source { return nil },
		Logger:  slogJSON(logs),
	})
	if err != nil {
		t.Fatal(err)
	}
	stop := runScheduler(t, s)
	waitFor(t, "the first failed attempt", func() bool { return len(logs.records(t, "scheduler leadership attempt failed")) > 0 })
	time.Sleep(200 * time.Millisecond) // about 20 more attempts
	stop()
	if s.Leader() {
		t.Error("Leader() = true without a database")
	}
	if n := len(logs.records(t, "scheduler leadership attempt failed")); n != 1 {
		t.Errorf("logged %d failed attempts, want 1 for the same error repeated", n)
	}
}
