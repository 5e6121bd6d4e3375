package conformance

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cockroachdb/apd/v3"
)

// FloatTolerance is the absolute tolerance for expected values written as
// YAML floats. Integers and quoted numbers compare exactly.
const FloatTolerance = 1e-6

// Compare checks a result against the expected rows and returns one line per
// mismatch, or nil when they agree. With byName, result columns are matched
// to expected columns by name in any order. Without it they are matched by
// position, because reference SQL may use any aliases.
func Compare(want Expected, got *Result, byName bool) []string {
	rows, problems := alignColumns(want.Columns, got, byName)
	if problems != nil {
		return problems
	}
	exp := want.Rows
	if !want.Ordered {
		exp = sortedRows(exp)
		rows = sortedRows(rows)
	}
	var out []string
	if len(rows) != len(exp) {
		out = append(out, fmt.Sprintf("got %d rows, want %d", len(rows), len(exp)))
	}
	for i := 0; i < len(rows) || i < len(exp); i++ {
		switch {
		case i >= len(rows):
			out = append(out, fmt.Sprintf("row %d: missing, want %s", i+1, formatRow(exp[i])))
		case i >= len(exp):
			out = append(out, fmt.Sprintf("row %d: unexpected %s", i+1, formatRow(rows[i])))
		default:
			for j := range exp[i] {
				if !valueEqual(exp[i][j], rows[i][j]) {
					out = append(out, fmt.Sprintf("row %d column %s: got %s, want %s (got row %s)",
						i+1, want.Columns[j], formatValue(rows[i][j]), formatValue(exp[i][j]), formatRow(rows[i])))
				}
			}
		}
	}
	return out
}

// alignColumns returns the result rows with columns in expected order.
func alignColumns(want []string, got *Result, byName bool) ([][]any, []string) {
	if !byName {
		if len(got.Columns) != len(want) {
			return nil, []string{fmt.Sprintf("got %d columns %v, want %d %v", len(got.Columns), got.Columns, len(want), want)}
		}
		return got.Rows, nil
	}
	index := map[string]int{}
	for i, name := range got.Columns {
		index[name] = i
	}
	var problems []string
	order := make([]int, len(want))
	for i, name := range want {
		j, ok := index[name]
		if !ok {
			problems = append(problems, fmt.Sprintf("missing column %s (got columns %v)", name, got.Columns))
			continue
		}
		order[i] = j
		delete(index, name)
	}
	for name := range index {
		problems = append(problems, fmt.Sprintf("unexpected column %s (want columns %v)", name, want))
	}
	if problems != nil {
		sort.Strings(problems)
		return nil, problems
	}
	rows := make([][]any, len(got.Rows))
	for i, r := range got.Rows {
		rows[i] = make([]any, len(order))
		for k, j := range order {
			rows[i][k] = r[j]
		}
	}
	return rows, nil
}

// valueEqual compares an expected YAML value with a normalized result value.
func valueEqual(want, got any) bool {
	if want == nil || got == nil {
		return want == nil && got == nil
	}
	switch w := want.(type) {
	case int:
		return decimalEqual(apd.New(int64(w), 0), got)
	case float64:
		g, ok := toFloat(got)
		return ok && math.Abs(g-w) <= FloatTolerance
	case bool:
		g, ok := got.(bool)
		return ok && g == w
	case time.Time:
		g, ok := got.(time.Time)
		return ok && wallClock(g) == wallClock(w)
	case string:
		switch g := got.(type) {
		case *apd.Decimal:
			// A float result never matches a quoted number, even when it
			// prints the same: money must arrive as an exact decimal.
			d, _, err := apd.NewFromString(w)
			return err == nil && decimalEqual(d, g)
		case time.Time:
			return timeEqual(w, g)
		case string:
			return g == w
		case bool:
			return strconv.FormatBool(g) == w
		}
	}
	return false
}

// timeLayouts are the label forms an expected time value may take.
var timeLayouts = []string{"2006-01-02", "2006-01-02 15:04:05", "2006-01-02 15:04:05.999999"}

// timeEqual compares a label with a result's wall clock, ignoring its
// location: bucket labels are local times without an offset.
func timeEqual(want string, got time.Time) bool {
	for _, layout := range timeLayouts {
		if w, err := time.Parse(layout, want); err == nil {
			return wallClock(w) == wallClock(got)
		}
	}
	return false
}

// wallClock drops the location, keeping the calendar date and clock time.
func wallClock(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// decimalEqual compares exactly, ignoring scale: 80 equals 80.00.
func decimalEqual(want *apd.Decimal, got any) bool {
	var g *apd.Decimal
	switch x := got.(type) {
	case *apd.Decimal:
		g = x
	case float64:
		d, _, err := apd.NewFromString(strconv.FormatFloat(x, 'f', -1, 64))
		if err != nil {
			return false
		}
		g = d
	default:
		return false
	}
	return want.Cmp(g) == 0
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case *apd.Decimal:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

// formatTime prints a date as YYYY-MM-DD and any other instant as
// YYYY-MM-DD HH:MM:SS with fractional seconds when present, from its wall
// clock fields: bucket labels are local times without an offset.
func formatTime(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04:05.999999")
}

func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case *apd.Decimal:
		return x.Text('f')
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case time.Time:
		return formatTime(x)
	case string:
		return strconv.Quote(x)
	}
	return fmt.Sprint(v)
}

func formatRow(row []any) string {
	parts := make([]string, len(row))
	for i, v := range row {
		parts[i] = formatValue(v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// sortedRows orders rows by a key that expected and result values share,
// so unordered results pair up with expected rows before comparing.
func sortedRows(rows [][]any) [][]any {
	out := append([][]any(nil), rows...)
	sort.SliceStable(out, func(i, j int) bool { return sortKey(out[i]) < sortKey(out[j]) })
	return out
}

func sortKey(row []any) string {
	parts := make([]string, len(row))
	for i, v := range row {
		parts[i] = keyValue(v)
	}
	return strings.Join(parts, "\x00")
}

// keyValue renders numbers rounded to the float tolerance, so 0.9428571 and
// an expected 0.942857 sort alike.
func keyValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "\x01NULL"
	case int:
		return fmt.Sprintf("%.6f", float64(x))
	case float64:
		return fmt.Sprintf("%.6f", x)
	case *apd.Decimal:
		f, _ := x.Float64()
		return fmt.Sprintf("%.6f", f)
	case string:
		if d, _, err := apd.NewFromString(x); err == nil {
			f, _ := d.Float64()
			return fmt.Sprintf("%.6f", f)
		}
		return x
	case time.Time:
		return formatTime(x)
	}
	return fmt.Sprint(v)
}
