package expr

import (
	"fmt"
	"strings"
	"time"
)

// SQLWriter is the engine side of WriteSQL: column mapping, bind
// parameters and the dialect.
type SQLWriter interface {
	// Column returns the SQL expression of a variable, already quoted.
	Column(name string) (string, error)
	// Bind registers v as the next bind parameter and returns its
	// placeholder text ($1, ?). WriteSQL calls Bind in the order the
	// placeholders appear in the returned SQL.
	Bind(v any) string
	// Dialect is "duckdb" or "postgres".
	Dialect() string
}

// Dialects WriteSQL renders.
const (
	DuckDB   = "duckdb"
	Postgres = "postgres"
)

// WriteSQL renders the filter as a SQL condition. Every literal becomes a
// bind parameter through w.Bind, and AND and OR groups are wrapped in
// parentheses, so the result can be combined with other conditions as is.
// It fails when the dialect is unknown or w.Column rejects a name.
func (f *Filter) WriteSQL(w SQLWriter) (string, error) {
	d := w.Dialect()
	if d != DuckDB && d != Postgres {
		return "", fmt.Errorf("render filter %q: unknown SQL dialect %q (want %q or %q)", f.text, d, DuckDB, Postgres)
	}
	return f.root.sql(&renderer{w: w, dialect: d})
}

type renderer struct {
	w       SQLWriter
	dialect string
}

func (n logical) sql(r *renderer) (string, error) {
	left, err := n.left.sql(r)
	if err != nil {
		return "", err
	}
	right, err := n.right.sql(r)
	if err != nil {
		return "", err
	}
	return "(" + left + " " + n.op + " " + right + ")", nil
}

func (n negation) sql(r *renderer) (string, error) {
	x, err := n.x.sql(r)
	if err != nil {
		return "", err
	}
	if _, grouped := n.x.(logical); grouped {
		return "NOT " + x, nil
	}
	return "NOT (" + x + ")", nil
}

func (n comparison) sql(r *renderer) (string, error) {
	left, err := r.operand(n.left, columnType(n.right))
	if err != nil {
		return "", err
	}
	right, err := r.operand(n.right, columnType(n.left))
	if err != nil {
		return "", err
	}
	return left + " " + n.op + " " + right, nil
}

func (n nullCheck) sql(r *renderer) (string, error) {
	x, err := r.operand(n.x, 0)
	if err != nil {
		return "", err
	}
	if n.not {
		return x + " IS NOT NULL", nil
	}
	return x + " IS NULL", nil
}

// sql renders IN with one placeholder per element. An empty list matches
// no row (FALSE), and its negation every row (TRUE), because SQL has no
// empty IN list.
func (n membership) sql(r *renderer) (string, error) {
	if len(n.values) == 0 {
		if n.not {
			return "TRUE", nil
		}
		return "FALSE", nil
	}
	x, err := r.operand(n.x, 0)
	if err != nil {
		return "", err
	}
	against := columnType(n.x)
	items := make([]string, len(n.values))
	for i, v := range n.values {
		items[i] = r.literal(v, against)
	}
	op := " IN ("
	if n.not {
		op = " NOT IN ("
	}
	return x + op + strings.Join(items, ", ") + ")", nil
}

func (n likePattern) sql(r *renderer) (string, error) {
	x, err := r.operand(n.x, 0)
	if err != nil {
		return "", err
	}
	return x + " LIKE " + r.w.Bind(n.pattern) + ` ESCAPE '\'`, nil
}

func (n predicate) sql(r *renderer) (string, error) {
	return r.operand(n.x, 0)
}

// columnType is the type of a column operand, Timestamp for a shifted time
// and 0 for a literal.
func columnType(o operand) Type {
	switch o := o.(type) {
	case column:
		return o.typ
	case shifted:
		return Timestamp
	}
	return 0
}

func (r *renderer) operand(o operand, against Type) (string, error) {
	switch o := o.(type) {
	case column:
		sql, err := r.w.Column(o.name)
		if err != nil || atomicSQL(sql) {
			return sql, err
		}
		return "(" + sql + ")", nil
	case literal:
		return r.literal(o, against), nil
	case shifted:
		base, err := r.operand(o.base, 0)
		if err != nil {
			return "", err
		}
		return "(" + base + " " + o.op + " " + r.cast(interval(o.by), "INTERVAL") + ")", nil
	}
	return "", fmt.Errorf("render filter: unexpected operand %T", o)
}

// literal binds a literal. against is the type of the column it is compared
// with, or 0 when there is none. Without a column to take its type from, a
// placeholder gets an explicit cast because PostgreSQL would otherwise
// infer text.
func (r *renderer) literal(l literal, against Type) string {
	switch l.kind {
	case literalTimestamp:
		return r.cast(l.value, "TIMESTAMPTZ")
	case literalDate:
		return r.cast(l.value, "DATE")
	case literalDuration:
		return r.cast(interval(l.value.(time.Duration)), "INTERVAL")
	case literalDouble:
		return r.double(l, against)
	}
	if against != 0 {
		return r.w.Bind(l.value)
	}
	switch l.kind {
	case literalString:
		return r.cast(l.value, r.textType())
	case literalInt:
		return r.cast(l.value, "BIGINT")
	case literalBool:
		return r.cast(l.value, "BOOLEAN")
	}
	return r.w.Bind(l.value)
}

// double binds a double literal. Against a decimal column it binds the
// literal's exact decimal text cast to NUMERIC, so 0.1 stays 0.1 and never
// passes through float64. DuckDB's bare DECIMAL is DECIMAL(18,3), which
// would round, so DuckDB gets DECIMAL(38, scale of the literal).
func (r *renderer) double(l literal, against Type) string {
	switch against {
	case Decimal:
		if r.dialect == DuckDB {
			return r.cast(l.exact, fmt.Sprintf("DECIMAL(38,%d)", l.scale))
		}
		return r.cast(l.exact, "NUMERIC")
	case Float:
		return r.w.Bind(l.value)
	}
	return r.cast(l.value, r.doubleType())
}

func (r *renderer) cast(v any, sqlType string) string {
	return "CAST(" + r.w.Bind(v) + " AS " + sqlType + ")"
}

func (r *renderer) textType() string {
	if r.dialect == DuckDB {
		return "VARCHAR"
	}
	return "TEXT"
}

func (r *renderer) doubleType() string {
	if r.dialect == DuckDB {
		return "DOUBLE"
	}
	return "DOUBLE PRECISION"
}

// interval formats a duration as interval text both dialects parse:
// whole seconds when it has no fraction, else microseconds (Compile rejects
// durations finer than a microsecond).
func interval(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("%d seconds", d/time.Second)
	}
	return fmt.Sprintf("%d microseconds", d/time.Microsecond)
}
