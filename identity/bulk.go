package identity

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/lib/pq"
)

// bulkRowsPerStatement bounds the rows sent in one statement, so a run over
// millions of records does not build one giant parameter.
const bulkRowsPerStatement = 50_000

// bulkRows collects rows column by column and applies them with one
// statement per chunk: every column travels as one text-array bind
// parameter that the statement unnests and casts. This is about 80 times
// faster than multi-row VALUES on DuckDB and works unchanged on
// PostgreSQL.
type bulkRows struct {
	// stmt is the statement with {rows} where the rows' SELECT goes; the
	// SELECT names its columns as declared.
	stmt  string
	names []string
	types []string // SQL type each text value is cast to
	// nullable columns store NULL for the empty string, so they must never
	// hold an empty value.
	nullable []bool
	data     [][]string
}

// newBulkInsert inserts rows into table. Columns are declared as
// "name TYPE" or "name TYPE NULL".
func newBulkInsert(table string, columns ...string) *bulkRows {
	b := newBulkRows("", columns...)
	b.stmt = "INSERT INTO " + table + " (" + strings.Join(b.names, ", ") + ") {rows}"
	return b
}

// newBulkRows applies stmt to rows; stmt reads them from "({rows}) AS d".
func newBulkRows(stmt string, columns ...string) *bulkRows {
	b := &bulkRows{stmt: stmt}
	for _, c := range columns {
		f := strings.Fields(c)
		b.names = append(b.names, f[0])
		b.types = append(b.types, f[1])
		b.nullable = append(b.nullable, len(f) > 2 && f[2] == "NULL")
	}
	b.data = make([][]string, len(b.names))
	return b
}

// add appends one row; values are strings, int, int64, bool or time.Time
// (the zero time is NULL).
func (b *bulkRows) add(values ...any) {
	for i, v := range values {
		b.data[i] = append(b.data[i], bulkText(v))
	}
}

func bulkText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		if x.IsZero() {
			return ""
		}
		return x.UTC().Format("2006-01-02 15:04:05.999999")
	}
	panic(fmt.Sprintf("bulkRows: unsupported value %T", v))
}

// sql returns the statement. With joined set, each parameter is one string of
// the column's values separated by unitSeparator, and the database splits
// it. This is for DuckDB: its driver converts list parameters element by
// element (about 2 µs per value), while one long string binds at once.
func (b *bulkRows) sql(joined bool) string {
	outer, inner := make([]string, len(b.names)), make([]string, len(b.names))
	for i := range b.names {
		col := "c" + strconv.Itoa(i)
		inner[i] = fmt.Sprintf("unnest($%d::VARCHAR[]) AS %s", i+1, col)
		if joined {
			inner[i] = fmt.Sprintf("unnest(string_to_array($%d, chr(31))) AS %s", i+1, col)
		}
		if b.nullable[i] {
			col = "NULLIF(" + col + ", '')"
		}
		outer[i] = "CAST(" + col + " AS " + b.types[i] + ") AS " + b.names[i]
	}
	rows := "SELECT " + strings.Join(outer, ", ") + " FROM (SELECT " + strings.Join(inner, ", ") + ") AS u"
	return strings.Replace(b.stmt, "{rows}", rows, 1)
}

// unitSeparator joins values for DuckDB; a chunk holding it in a value is
// sent as lists instead.
const unitSeparator = "\x1f"

// exec applies the statement to the collected rows.
func (b *bulkRows) exec(ctx context.Context, tx execer, dialect string) error {
	n := len(b.data[0])
	for start := 0; start < n; start += bulkRowsPerStatement {
		end := min(start+bulkRowsPerStatement, n)
		joined := dialect == DialectDuckDB
		for _, col := range b.data {
			for _, v := range col[start:end] {
				joined = joined && !strings.Contains(v, unitSeparator)
			}
		}
		args := make([]any, len(b.data))
		for i, col := range b.data {
			switch {
			case joined:
				args[i] = strings.Join(col[start:end], unitSeparator)
			case dialect == DialectPostgres:
				args[i] = pq.Array(col[start:end])
			default:
				args[i] = col[start:end]
			}
		}
		if _, err := tx.ExecContext(ctx, b.sql(joined), args...); err != nil {
			return fmt.Errorf("%s: %w", strings.Fields(b.stmt)[0]+" "+b.target(), err)
		}
	}
	return nil
}

// target returns the table the statement writes, for error messages.
func (b *bulkRows) target() string {
	f := strings.Fields(b.stmt)
	for i, w := range f {
		if (w == "INTO" || w == "FROM" || w == "UPDATE") && i+1 < len(f) {
			return f[i+1]
		}
	}
	return ""
}
