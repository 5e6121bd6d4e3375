package conformance

import (
	"fmt"
	"time"

	"github.com/cockroachdb/apd/v3"

	"github.com/metricsd/metricsd/semantic"
)

// CheckColumns compares the engine's column metadata with the result it
// describes: the same names in the same order, and every non-NULL value of
// the declared type. Clients format and transport values by that type, so a
// decimal column that returns floats loses money digits downstream.
func CheckColumns(cols []semantic.Column, res *Result) []string {
	var out []string
	if len(cols) != len(res.Columns) {
		return []string{fmt.Sprintf("compiled columns %v do not match result columns %v", columnNames(cols), res.Columns)}
	}
	for i, col := range cols {
		if col.Name != res.Columns[i] {
			out = append(out, fmt.Sprintf("compiled column %d is %s but the SQL returns %s", i+1, col.Name, res.Columns[i]))
			continue
		}
		for r, row := range res.Rows {
			if v := row[i]; v != nil && !fitsType(col.Type, v) {
				out = append(out, fmt.Sprintf("column %s is declared %s but row %d holds %s (%T)", col.Name, col.Type, r+1, formatValue(v), v))
				break
			}
		}
	}
	return out
}

// fitsType reports whether a normalized value matches a declared column
// type. Float columns accept decimals because PostgreSQL divides NUMERIC
// values exactly.
func fitsType(typ string, v any) bool {
	switch typ {
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "date", "timestamp":
		_, ok := v.(time.Time)
		return ok
	case "integer":
		d, ok := v.(*apd.Decimal)
		return ok && isIntegral(d)
	case "decimal":
		_, ok := v.(*apd.Decimal)
		return ok
	case "float":
		switch v.(type) {
		case float64, *apd.Decimal:
			return true
		}
		return false
	}
	return false
}

func isIntegral(d *apd.Decimal) bool {
	var frac apd.Decimal
	d.Modf(nil, &frac)
	return frac.IsZero()
}

func columnNames(cols []semantic.Column) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return names
}
