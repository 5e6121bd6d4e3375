package api

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/cockroachdb/apd/v3"
)

// CellValue prepares v for the GraphQL Value scalar. A date column's
// time.Time becomes "2006-01-02" text, because the warehouse drivers return
// dates as midnight timestamps. Every other value is returned unchanged.
func CellValue(v any, colType string) any {
	if t, ok := v.(time.Time); ok && colType == "date" {
		return t.Format(time.DateOnly)
	}
	return v
}

// CellText formats v as text for CSV and for the JSON encoding of the
// spreadsheet endpoints. Decimals are written in plain notation with every
// digit kept, and floats in the shortest form that reads back to the same
// float64. Timestamps are RFC 3339 and dates 2006-01-02. ok is false for SQL
// NULL.
func CellText(v any, colType string) (text string, ok bool) {
	switch v := v.(type) {
	case nil:
		return "", false
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case int:
		return strconv.Itoa(v), true
	case int32:
		return strconv.FormatInt(int64(v), 10), true
	case *apd.Decimal:
		if v == nil {
			return "", false
		}
		return v.Text('f'), true
	case apd.Decimal:
		return v.Text('f'), true
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return "", false
		}
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case float32:
		return strconv.FormatFloat(float64(v), 'f', -1, 32), true
	case time.Time:
		if colType == "date" {
			return v.Format(time.DateOnly), true
		}
		return v.Format(time.RFC3339Nano), true
	case []byte:
		return string(v), true
	}
	return fmt.Sprint(v), true
}
