package schedule

import (
	"context"
	"sort"
	"sync"
	"time"
)

// Scheduler runs the scheduled loads. Run it once; Status and Leader are
// safe to call from other goroutines while it runs.
type Scheduler struct {
	cfg Config

	mu     sync.Mutex
	leader bool
	pid    int // PostgreSQL backend of the current lease, 0 otherwise
	runs   map[string]*SourceStatus
}

// SourceStatus is the schedule and last load of one scheduled source.
type SourceStatus struct {
	Source  string
	Refresh time.Duration
	// Next is when the source is due again; zero while not leading.
	Next time.Time
	// Loads counts load attempts by this process, failed ones included.
	Loads    int
	Failures int
	// Last is the newest attempt, nil before the first.
	Last *LoadRun
}

// LoadRun is one load attempt.
type LoadRun struct {
	Start    time.Time
	Duration time.Duration
	LoadID   string // empty when the load failed
	// Files counts the files written; unchanged files are skipped.
	Files   int
	Skipped int
	Rows    int64
	Err     error
}

// New checks cfg and returns a scheduler that has not started.
func New(cfg Config) (*Scheduler, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Scheduler{cfg: cfg, runs: map[string]*SourceStatus{}}, nil
}

// Run waits for leadership, loads due sources while leading, and competes
// for leadership again when it loses it. It returns nil when ctx ends, and
// stops loading at once: an interrupted load rolls back.
func (s *Scheduler) Run(ctx context.Context) error {
	for {
		l := s.acquire(ctx)
		if l == nil {
			return nil
		}
		s.setLeader(true, l.pid)
		s.cfg.Logger.Info("scheduler leadership acquired", "dialect", s.cfg.Dialect, "lock_key", s.cfg.LockKey, "backend_pid", l.pid)
		s.lead(l.ctx)
		// Leader turns false before the lock is released, so two
		// replicas never both report leading.
		s.setLeader(false, 0)
		s.release(l)
		s.cfg.Logger.Info("scheduler leadership released", "dialect", s.cfg.Dialect, "lock_key", s.cfg.LockKey)
		if ctx.Err() != nil {
			return nil
		}
	}
}

// Leader reports whether this scheduler leads now.
func (s *Scheduler) Leader() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.leader
}

// Status returns the scheduled sources by name. A source this process
// never saw while leading is absent.
func (s *Scheduler) Status() []SourceStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]SourceStatus, 0, len(s.runs))
	for _, st := range s.runs {
		c := *st
		if st.Last != nil {
			last := *st.Last
			c.Last = &last
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Source < out[j].Source })
	return out
}

func (s *Scheduler) setLeader(leader bool, pid int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.leader, s.pid = leader, pid
	if !leader {
		for _, st := range s.runs {
			st.Next = time.Time{}
		}
	}
}

// backendPID returns the PostgreSQL backend that holds the lock, 0 when
// not leading or on DuckDB.
func (s *Scheduler) backendPID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pid
}
