package demo

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/metricsd/metricsd/warehouse"
)

// duckDBLoader appends rows through one Appender per table, all on one
// connection.
type duckDBLoader struct {
	conn      *sql.Conn
	appenders map[*Table]*duckdb.Appender
	values    []driver.Value
}

func newDuckDBLoader(ctx context.Context, w *warehouse.Warehouse) (*duckDBLoader, error) {
	conn, err := w.DB().Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo load: connect: %w", err)
	}
	l := &duckDBLoader{conn: conn, appenders: map[*Table]*duckdb.Appender{}}
	err = conn.Raw(func(dc any) error {
		for _, t := range Tables {
			a, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", t.Name)
			if err != nil {
				return fmt.Errorf("appender for %s: %w", t.Name, err)
			}
			l.appenders[t] = a
		}
		return nil
	})
	if err != nil {
		l.abort()
		return nil, fmt.Errorf("demo load: %w", err)
	}
	return l, nil
}

// Append converts demo values to the types the Appender takes: Money as a
// DECIMAL(14,2) with its cents as the unscaled value, Day as a time.Time.
func (l *duckDBLoader) Append(t *Table, row []any) error {
	l.values = l.values[:0]
	for _, v := range row {
		switch x := v.(type) {
		case Money:
			l.values = append(l.values, duckdb.Decimal{Width: 14, Scale: 2, Value: big.NewInt(int64(x))})
		case Day:
			l.values = append(l.values, x.Time())
		case time.Time, int64, string, nil:
			l.values = append(l.values, x)
		default:
			return fmt.Errorf("table %s: unexpected value %T", t.Name, v)
		}
	}
	return l.appenders[t].AppendRow(l.values...)
}

// commit flushes every appender; DuckDB has no transaction around
// appenders, so rows already flushed stay when a later one fails.
func (l *duckDBLoader) commit() error {
	var errs []error
	for _, t := range Tables {
		if a := l.appenders[t]; a != nil {
			if err := a.Close(); err != nil {
				errs = append(errs, fmt.Errorf("flush %s: %w", t.Name, err))
			}
		}
	}
	l.appenders = nil
	errs = append(errs, l.conn.Close())
	return errors.Join(errs...)
}

func (l *duckDBLoader) abort() {
	for _, a := range l.appenders {
		a.Clear()
		a.Close()
	}
	l.appenders = nil
	l.conn.Close()
}
