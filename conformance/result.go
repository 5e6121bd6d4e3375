package conformance

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"
	"time"

	"github.com/cockroachdb/apd/v3"
	duckdb "github.com/duckdb/duckdb-go/v2"
)

// Result is a query result with driver values normalized: nil, string,
// bool, float64, time.Time or *apd.Decimal for every integer and decimal,
// so values from both drivers compare alike.
type Result struct {
	Columns []string
	Rows    [][]any
}

// Fetch runs query with args and reads every row.
func Fetch(ctx context.Context, db *sql.DB, query string, args []any) (*Result, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	res := &Result{Columns: cols}
	for rows.Next() {
		raw := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range raw {
			ptrs[i] = &raw[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]any, len(cols))
		for i, v := range raw {
			if row[i], err = normalize(v); err != nil {
				return nil, fmt.Errorf("column %s: %w", cols[i], err)
			}
		}
		res.Rows = append(res.Rows, row)
	}
	return res, rows.Err()
}

// normalize converts one driver value. lib/pq returns NUMERIC as []byte;
// DuckDB returns DECIMAL as duckdb.Decimal and HUGEINT as *big.Int.
func normalize(v any) (any, error) {
	switch x := v.(type) {
	case nil, string, bool, float64, time.Time:
		return x, nil
	case float32:
		return float64(x), nil
	case []byte:
		return parseBytes(x), nil
	case int64:
		return apd.New(x, 0), nil
	case int32:
		return apd.New(int64(x), 0), nil
	case int16:
		return apd.New(int64(x), 0), nil
	case int8:
		return apd.New(int64(x), 0), nil
	case int:
		return apd.New(int64(x), 0), nil
	case uint64:
		return apd.NewWithBigInt(new(apd.BigInt).SetMathBigInt(new(big.Int).SetUint64(x)), 0), nil
	case uint32:
		return apd.New(int64(x), 0), nil
	case uint16:
		return apd.New(int64(x), 0), nil
	case uint8:
		return apd.New(int64(x), 0), nil
	case *big.Int:
		return apd.NewWithBigInt(new(apd.BigInt).SetMathBigInt(x), 0), nil
	case duckdb.Decimal:
		return apd.NewWithBigInt(new(apd.BigInt).SetMathBigInt(x.Value), -int32(x.Scale)), nil
	}
	return nil, fmt.Errorf("unsupported driver value %T (%v)", v, v)
}

// parseBytes reads a PostgreSQL text value: a number when it parses as one,
// text otherwise.
func parseBytes(b []byte) any {
	if d, _, err := apd.NewFromString(string(b)); err == nil && d.Form == apd.Finite {
		return d
	}
	return string(b)
}
