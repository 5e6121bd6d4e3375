package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/metricsd/metricsd/warehouse"
)

// postgresLoader streams each table through COPY FROM STDIN in its own
// transaction; PostgreSQL allows one COPY per connection at a time, and
// the generator interleaves tables.
type postgresLoader struct {
	txs    map[*Table]*sql.Tx
	stmts  map[*Table]*sql.Stmt
	values []any
}

func newPostgresLoader(ctx context.Context, w *warehouse.Warehouse) (*postgresLoader, error) {
	if n := w.Options().MaxOpenConns; n < len(Tables) {
		return nil, fmt.Errorf("demo load: PostgreSQL needs %d open connections to load the tables in parallel, the warehouse allows %d: raise MaxOpenConns", len(Tables), n)
	}
	l := &postgresLoader{txs: map[*Table]*sql.Tx{}, stmts: map[*Table]*sql.Stmt{}}
	for _, t := range Tables {
		tx, err := w.DB().BeginTx(ctx, nil)
		if err != nil {
			l.abort()
			return nil, fmt.Errorf("demo load: begin for %s: %w", t.Name, err)
		}
		l.txs[t] = tx
		// Every COPY stays open until generation ends, which at large
		// scales outlasts any statement_timeout the warehouse sets.
		if _, err := tx.ExecContext(ctx, "SET LOCAL statement_timeout = 0"); err != nil {
			l.abort()
			return nil, fmt.Errorf("demo load: lift statement_timeout for %s: %w", t.Name, err)
		}
		stmt, err := tx.PrepareContext(ctx, pq.CopyIn(t.Name, t.ColumnNames()...))
		if err != nil {
			l.abort()
			return nil, fmt.Errorf("demo load: COPY %s: %w", t.Name, err)
		}
		l.stmts[t] = stmt
	}
	return l, nil
}

// Append sends Money and Day as their text forms, which COPY parses
// exactly.
func (l *postgresLoader) Append(t *Table, row []any) error {
	l.values = l.values[:0]
	for _, v := range row {
		switch x := v.(type) {
		case Money:
			l.values = append(l.values, x.String())
		case Day:
			l.values = append(l.values, x.String())
		case time.Time, int64, string, nil:
			l.values = append(l.values, x)
		default:
			return fmt.Errorf("table %s: unexpected value %T", t.Name, v)
		}
	}
	_, err := l.stmts[t].Exec(l.values...)
	return err
}

// commit ends every COPY, then commits the transactions in table order.
func (l *postgresLoader) commit() error {
	for _, t := range Tables {
		if _, err := l.stmts[t].Exec(); err != nil {
			l.abort()
			return fmt.Errorf("finish COPY %s: %w", t.Name, err)
		}
		if err := l.stmts[t].Close(); err != nil {
			l.abort()
			return fmt.Errorf("close COPY %s: %w", t.Name, err)
		}
	}
	var errs []error
	for _, t := range Tables {
		if err := l.txs[t].Commit(); err != nil {
			errs = append(errs, fmt.Errorf("commit %s: %w", t.Name, err))
		}
	}
	l.txs = nil
	return errors.Join(errs...)
}

func (l *postgresLoader) abort() {
	for _, tx := range l.txs {
		tx.Rollback()
	}
	l.txs = nil
}
