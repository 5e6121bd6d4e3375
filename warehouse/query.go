package warehouse

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"
)

// Result is a fully read query result.
type Result struct {
	Columns []Column
	// Rows holds one slice per row, in column order. Values are nil (SQL
	// NULL), string, int64, *apd.Decimal, float64, bool or time.Time; see
	// the Type constants for which type each column type yields.
	Rows [][]any
	// Truncated is true when Options.MaxRows stopped reading early.
	Truncated bool
}

// Column is a result column's name and type.
type Column struct {
	Name string
	// Type is one of the Type constants.
	Type string
	// DatabaseType is the engine's own type name, e.g. "NUMERIC" or
	// "DECIMAL(18,2)".
	DatabaseType string
}

// Query runs one statement with bind parameters and reads the whole result.
// The statement is bounded by ctx and Options.QueryTimeout; when either
// ends, the engine stops the statement (lib/pq sends a cancel request to the
// backend; duckdb-go interrupts the connection). Errors are *Error.
func (w *Warehouse) Query(ctx context.Context, query string, args []any) (*Result, error) {
	start := time.Now()
	res, err := w.query(ctx, query, args)
	w.log(ctx, start, res, err)
	return res, err
}

func (w *Warehouse) query(ctx context.Context, query string, args []any) (*Result, error) {
	if w.opts.QueryTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, w.opts.QueryTimeout)
		defer cancel()
	}
	// A dedicated connection, because database/sql re-runs a statement
	// on a new connection when the driver reports the old one bad, and
	// lib/pq does so even when the server killed the running statement
	// (pg_terminate_backend); the statement would silently run again.
	conn, err := w.db.Conn(ctx)
	if err != nil {
		return nil, w.fail(ctx, err)
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, w.fail(ctx, err)
	}
	defer rows.Close()
	res, err := w.read(rows)
	if err != nil {
		return nil, w.fail(ctx, err)
	}
	return res, nil
}

// fail classifies err. After a lost connection it also drops every idle
// connection, because they most likely lead to the same dead server
// process; the next query then dials afresh instead of failing once per
// stale pooled connection.
func (w *Warehouse) fail(ctx context.Context, err error) *Error {
	e := classify(ctx, w.dialect, err)
	if e.Code == CodeUnreachable {
		w.db.SetMaxIdleConns(0)
		w.db.SetMaxIdleConns(w.opts.MaxIdleConns)
	}
	return e
}

// log writes one line per query: errors at warning level with their code,
// successes at debug level.
func (w *Warehouse) log(ctx context.Context, start time.Time, res *Result, err error) {
	if w.opts.Logger == nil {
		return
	}
	elapsed := time.Since(start).Milliseconds()
	if err != nil {
		code := ""
		if e, ok := err.(*Error); ok {
			code = e.Code
		}
		w.opts.Logger.LogAttrs(ctx, slog.LevelWarn, "warehouse query failed",
			slog.String("dialect", w.dialect), slog.String("code", code),
			slog.Int64("duration_ms", elapsed), slog.String("err", err.Error()))
		return
	}
	w.opts.Logger.LogAttrs(ctx, slog.LevelDebug, "warehouse query",
		slog.String("dialect", w.dialect), slog.Int("rows", len(res.Rows)),
		slog.Int64("duration_ms", elapsed))
}

// read scans every row and converts each value to its column's Go type.
func (w *Warehouse) read(rows *sql.Rows) (*Result, error) {
	cts, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	res := &Result{Columns: make([]Column, len(cts)), Rows: [][]any{}}
	for i, ct := range cts {
		res.Columns[i] = Column{Name: ct.Name(), Type: columnType(w.dialect, ct.DatabaseTypeName()), DatabaseType: ct.DatabaseTypeName()}
	}
	raw := make([]any, len(cts))
	ptrs := make([]any, len(cts))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	for rows.Next() {
		if w.opts.MaxRows > 0 && len(res.Rows) >= w.opts.MaxRows {
			res.Truncated = true
			break
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]any, len(raw))
		for i, v := range raw {
			c := res.Columns[i]
			if row[i], err = convert(c.Type, v); err != nil {
				return nil, fmt.Errorf("column %q (%s): %w", c.Name, c.DatabaseType, err)
			}
		}
		res.Rows = append(res.Rows, row)
	}
	return res, rows.Err()
}
