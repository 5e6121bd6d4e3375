package schedule

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/metricsd/metricsd/ingest"
)

// releaseTimeout bounds the unlock of a lease whose context has ended.
const releaseTimeout = 5 * time.Second

// lease is one term of leadership. ctx ends when the term ends: the
// caller's context ended or the lock connection died.
type lease struct {
	ctx    context.Context
	cancel context.CancelFunc
	conn   *sql.Conn // PostgreSQL only: the session that holds the lock
	pid    int       // PostgreSQL only: the backend process id of conn
	done   chan struct{}
}

// acquire blocks until this scheduler leads or ctx ends. It returns nil
// when ctx ended first.
func (s *Scheduler) acquire(ctx context.Context) *lease {
	if s.cfg.Dialect == ingest.DialectDuckDB {
		leaseCtx, cancel := context.WithCancel(ctx)
		return &lease{ctx: leaseCtx, cancel: cancel}
	}
	lastErr := ""
	for {
		l, err := s.tryLock(ctx)
		if l != nil {
			return l
		}
		// A failure is logged when its message changes, so an unreachable
		// database logs one line rather than one per retry.
		if err != nil && ctx.Err() == nil && err.Error() != lastErr {
			s.cfg.Logger.Warn("scheduler leadership attempt failed; retrying", "lock_key", s.cfg.LockKey, "retry_ms", s.cfg.RetryInterval.Milliseconds(), "err", err)
		}
		lastErr = ""
		if err != nil {
			lastErr = err.Error()
		}
		select {
		case <-ctx.Done():
			return nil
		case <-s.cfg.Clock.At(s.cfg.Clock.Now().Add(s.cfg.RetryInterval)):
		}
	}
}

// tryLock takes the advisory lock on a dedicated connection. It returns a
// nil lease without error when another session holds the lock.
func (s *Scheduler) tryLock(ctx context.Context) (*lease, error) {
	conn, err := s.cfg.DB.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("open the lock connection: %w", err)
	}
	var locked bool
	var pid int
	err = conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1), pg_backend_pid()", s.cfg.LockKey).Scan(&locked, &pid)
	if err != nil || !locked {
		discard(conn)
		if err != nil {
			return nil, fmt.Errorf("take advisory lock %d: %w", s.cfg.LockKey, err)
		}
		return nil, nil
	}
	leaseCtx, cancel := context.WithCancel(ctx)
	l := &lease{ctx: leaseCtx, cancel: cancel, conn: conn, pid: pid, done: make(chan struct{})}
	go s.watch(l)
	return l, nil
}

// watch ends the lease when a query on its lock connection fails, because
// PostgreSQL releases a session lock when the session ends.
func (s *Scheduler) watch(l *lease) {
	defer close(l.done)
	for {
		select {
		case <-l.ctx.Done():
			return
		case <-s.cfg.Clock.At(s.cfg.Clock.Now().Add(s.cfg.RetryInterval)):
		}
		if _, err := l.conn.ExecContext(l.ctx, "SELECT 1"); err != nil {
			if l.ctx.Err() == nil {
				s.cfg.Logger.Error("scheduler lost leadership: the lock connection failed", "lock_key", s.cfg.LockKey, "backend_pid", l.pid, "err", err)
			}
			l.cancel()
			return
		}
	}
}

// release ends the lease. On PostgreSQL it unlocks and closes the lock
// connection rather than returning it to the pool, so a pooled session
// never keeps the lock.
func (s *Scheduler) release(l *lease) {
	l.cancel()
	if l.conn == nil {
		return
	}
	<-l.done
	ctx, cancel := context.WithTimeout(context.Background(), releaseTimeout)
	defer cancel()
	if _, err := l.conn.ExecContext(ctx, "SELECT pg_advisory_unlock($1)", s.cfg.LockKey); err != nil {
		s.cfg.Logger.Warn("scheduler unlock failed; closing the lock connection releases the lock", "lock_key", s.cfg.LockKey, "backend_pid", l.pid, "err", err)
	}
	discard(l.conn)
}

// discard closes conn instead of returning it to the pool.
func discard(conn *sql.Conn) {
	conn.Raw(func(any) error { return driver.ErrBadConn })
	conn.Close()
}
