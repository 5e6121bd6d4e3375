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

func newRowWriter(ctx context.Context, tx *sql.Tx, dialect string, p *plan) (rowWriter, error) {
	if dialect == DialectPostgres {
		return newCopyWriter(ctx, tx, p)
	}
	return &insertWriter{tx: tx, p: p}, nil
}

// insertBatch is the number of rows per multi-row INSERT on DuckDB. The
// DuckDB Appender is not used because it runs on its own connection outside
// the database/sql transaction, so a failed load could not roll it back.
const insertBatch = 256

// insertWriter sends multi-row INSERT statements whose values are bind
// parameters cast to the column types by the database.
type insertWriter struct {
	tx   *sql.Tx
	p    *plan
	rows []any
	n    int
	full *sql.Stmt // prepared statement for a full batch
}

func (w *insertWriter) write(ctx context.Context, row []any) error {
	w.rows = append(w.rows, row...)
	w.n++
	if w.n < insertBatch {
		return nil
	}
	if w.full == nil {
		stmt, err := w.tx.PrepareContext(ctx, w.insertSQL(insertBatch))
		if err != nil {
			return fmt.Errorf("prepare insert into %s: %w", w.p.table, err)
		}
		w.full = stmt
	}
	if _, err := w.full.ExecContext(ctx, w.rows...); err != nil {
		return fmt.Errorf("insert into %s: %w", w.p.table, err)
	}
	w.rows, w.n = w.rows[:0], 0
	return nil
}

func (w *insertWriter) flush(ctx context.Context) error {
	if w.full != nil {
		defer w.full.Close()
	}
	if w.n == 0 {
		return nil
	}
	if _, err := w.tx.ExecContext(ctx, w.insertSQL(w.n), w.rows...); err != nil {
		return fmt.Errorf("insert into %s: %w", w.p.table, err)
	}
	w.rows, w.n = nil, 0
	return nil
}

func (w *insertWriter) insertSQL(rows int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", w.p.table.SQL(), strings.Join(w.p.columnList(), ", "))
	arg := 0
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for i, c := range w.p.columns {
			arg++
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "CAST($%d AS %s)", arg, c.typ.SQL())
		}
		fmt.Fprintf(&b, ", $%d, $%d)", arg+1, arg+2)
		arg += 2
	}
	return b.String()
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
