package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// rowWriter appends rows to the target table inside the load's transaction.
// Each row holds the plan's columns followed by _load_id and _source_file;
// values are canonical text or nil.
type rowWriter interface {
	write(ctx context.Context, row []any) error
	// flush sends buffered rows; the writer may not be used afterwards.
	flush(ctx context.Context) error
}

// copyWriter streams rows with PostgreSQL COPY FROM STDIN through lib/pq;
// the server parses each text value as the column's type.
type copyWriter struct {
	stmt *sql.Stmt
	p    *plan
}

func newCopyWriter(ctx context.Context, tx *sql.Tx, p *plan) (*copyWriter, error) {
	q := fmt.Sprintf("COPY %s (%s) FROM STDIN", p.table.SQL(), strings.Join(p.columnList(), ", "))
	stmt, err := tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("start COPY into %s: %w", p.table, err)
	}
	return &copyWriter{stmt: stmt, p: p}, nil
}

func (w *copyWriter) write(ctx context.Context, row []any) error {
	if _, err := w.stmt.ExecContext(ctx, row...); err != nil {
		return fmt.Errorf("COPY into %s: %w", w.p.table, err)
	}
	return nil
}

func (w *copyWriter) flush(ctx context.Context) error {
	defer w.stmt.Close()
	if _, err := w.stmt.ExecContext(ctx); err != nil {
		return fmt.Errorf("finish COPY into %s: %w", w.p.table, err)
	}
	return nil
}

// columnList returns the quoted target columns in row order.
func (p *plan) columnList() []string {
	cols := make([]string, 0, len(p.columns)+2)
	for _, c := range p.columns {
		cols = append(cols, quoteIdent(c.name))
	}
	return append(cols, quoteIdent(loadIDColumn), quoteIdent(sourceFileColumn))
}
