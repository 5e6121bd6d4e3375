package ingest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"sync"
)

// runner is the subset of *sql.Tx and *sql.Conn methods that a load uses.
type runner interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// session is one load transaction. On PostgreSQL it is a *sql.Tx. On
// DuckDB it is a dedicated connection with an explicit BEGIN, because the
// DuckDB Appender only joins a transaction opened on its own connection and
// database/sql gives no access to a Tx's connection.
type session struct {
	runner
	dialect string
	tx      *sql.Tx
	conn    *sql.Conn
	locked  bool // holds duckdbLoads
}

// ingestLockKey is the PostgreSQL advisory lock key ingest holds for the
// length of each load transaction (the bytes of "mtrcsd_i").
const ingestLockKey int64 = 0x6d747263_73645f69

// duckdbLoads serializes loads within this process. DuckDB lets two
// transactions append to one table at once, so two concurrent loads of an
// unchanged file would both miss the other's ledger entry.
var duckdbLoads sync.Mutex

// begin opens a load transaction. Loads into one warehouse run one at a
// time: on PostgreSQL through a transaction-scoped advisory lock, which also
// covers other metricsd processes, and on DuckDB through a process-wide
// mutex, since a DuckDB file has only one writing process.
func begin(ctx context.Context, db *sql.DB, dialect string) (*session, error) {
	if dialect == DialectPostgres {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", ingestLockKey); err != nil {
			tx.Rollback()
			return nil, fmt.Errorf("wait for other loads: %w", err)
		}
		return &session{runner: tx, dialect: dialect, tx: tx}, nil
	}
	duckdbLoads.Lock()
	conn, err := db.Conn(ctx)
	if err != nil {
		duckdbLoads.Unlock()
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		conn.Close()
		duckdbLoads.Unlock()
		return nil, err
	}
	return &session{runner: conn, dialect: dialect, conn: conn, locked: true}, nil
}

// unlock releases the DuckDB load mutex once.
func (s *session) unlock() {
	if s.locked {
		s.locked = false
		duckdbLoads.Unlock()
	}
}

func (s *session) commit(ctx context.Context) error {
	if s.tx != nil {
		return s.tx.Commit()
	}
	_, err := s.conn.ExecContext(ctx, "COMMIT")
	if err != nil {
		s.rollback(ctx)
		return err
	}
	s.conn.Close()
	s.conn = nil
	s.unlock()
	return nil
}

// rollback undoes the load; it is safe after a commit and with a cancelled
// ctx. A DuckDB connection whose ROLLBACK fails is discarded rather than
// returned to the pool with an open transaction.
func (s *session) rollback(ctx context.Context) {
	if s.tx != nil {
		s.tx.Rollback()
		return
	}
	defer s.unlock()
	if s.conn == nil {
		return
	}
	if _, err := s.conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK"); err != nil {
		s.conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	s.conn.Close()
	s.conn = nil
}

// withWriter runs fn with a writer into the plan's table and flushes it.
func (s *session) withWriter(ctx context.Context, p *plan, fn func(w rowWriter) error) error {
	if s.tx != nil {
		w, err := newCopyWriter(ctx, s.tx, p)
		if err != nil {
			return err
		}
		if err := fn(w); err != nil {
			w.flush(ctx)
			return err
		}
		return w.flush(ctx)
	}
	// The appender must be used only inside Raw, which holds the
	// connection for the whole file.
	return s.conn.Raw(func(dc any) error {
		conn, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("DuckDB connection %T is not a driver.Conn", dc)
		}
		w, err := newAppendWriter(conn, p)
		if err != nil {
			return err
		}
		if err := fn(w); err != nil {
			w.flush(ctx)
			return err
		}
		return w.flush(ctx)
	})
}
