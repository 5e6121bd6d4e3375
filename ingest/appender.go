package ingest

import (
	"context"
	"database/sql/driver"
	"fmt"
	"math/big"
	"strconv"
	"time"

	"github.com/cockroachdb/apd/v3"
	duckdb "github.com/duckdb/duckdb-go/v2"
)

// appendWriter writes rows with the DuckDB Appender, which is far faster
// than INSERT statements with bind parameters. It converts the canonical
// text values to the Go types the Appender expects.
type appendWriter struct {
	app *duckdb.Appender
	p   *plan
	buf []driver.Value
}

func newAppendWriter(conn driver.Conn, p *plan) (*appendWriter, error) {
	cols := append(columnNames(p), loadIDColumn, sourceFileColumn)
	app, err := duckdb.NewAppenderWithColumns(conn, "", p.table.schema, p.table.name, cols)
	if err != nil {
		return nil, fmt.Errorf("open appender on %s: %w", p.table, err)
	}
	return &appendWriter{app: app, p: p, buf: make([]driver.Value, len(cols))}, nil
}

func (w *appendWriter) write(ctx context.Context, row []any) error {
	for i, c := range w.p.columns {
		v, err := appenderValue(c.typ, row[i])
		if err != nil {
			return fmt.Errorf("column %s: %w", c.name, err)
		}
		w.buf[i] = v
	}
	n := len(w.p.columns)
	w.buf[n], w.buf[n+1] = row[n], row[n+1]
	if err := w.app.AppendRow(w.buf...); err != nil {
		return fmt.Errorf("append to %s: %w", w.p.table, err)
	}
	return nil
}

func (w *appendWriter) flush(ctx context.Context) error {
	if err := w.app.Close(); err != nil {
		return fmt.Errorf("append to %s: %w", w.p.table, err)
	}
	return nil
}

// appenderValue converts a canonical text value (see column.convert) to
// the Go type DuckDB's Appender takes for the column type.
func appenderValue(t ColumnType, v any) (driver.Value, error) {
	s, ok := v.(string)
	if !ok {
		return nil, nil
	}
	switch t.Kind {
	case KindInteger:
		return strconv.ParseInt(s, 10, 64)
	case KindDecimal:
		return appenderDecimal(s, t)
	case KindBoolean:
		return s == "true", nil
	case KindDate:
		return time.Parse(dateOut, s)
	case KindTimestamp:
		return time.Parse(timestampOut, s)
	case KindTimestampTZ:
		return time.Parse(timestampTZOut, s)
	}
	return s, nil
}

// appenderDecimal scales an exact decimal to the column's scale and returns
// it as an unscaled big integer, which is how DuckDB stores DECIMAL.
func appenderDecimal(s string, t ColumnType) (duckdb.Decimal, error) {
	d, _, err := apd.NewFromString(s)
	if err != nil {
		return duckdb.Decimal{}, err
	}
	var scaled apd.Decimal
	ctx := apd.BaseContext.WithPrecision(uint32(t.Precision) + 1)
	if _, err := ctx.Quantize(&scaled, d, -int32(t.Scale)); err != nil {
		return duckdb.Decimal{}, err
	}
	value := new(big.Int).Set(scaled.Coeff.MathBigInt())
	if scaled.Negative {
		value.Neg(value)
	}
	return duckdb.Decimal{Width: uint8(t.Precision), Scale: uint8(t.Scale), Value: value}, nil
}
