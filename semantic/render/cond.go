package render

import (
	"fmt"

	"github.com/metricsd/metricsd/semantic/plan"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// cond writes a row filter. A condition that reads across a one-to-many
// join becomes EXISTS over the related rows, so it never repeats a row.
func (r *renderer) cond(c *plan.Cond) {
	if c.Converts != nil {
		r.converts(c.Converts)
		return
	}
	if c.Range != nil {
		r.timeRange(c.Range)
		return
	}
	sql, err := c.CEL.WriteSQL(&celWriter{r: r, cols: c.Columns, values: c.Values})
	if err != nil {
		r.fail("filter %q: %v", c.Text, err)
	}
	if c.Exists == nil {
		r.w("(" + sql + ")")
		return
	}
	nullSQL, err := c.CEL.WriteSQL(&celWriter{r: r, cols: c.Columns, nulls: c.NullTypes})
	if err != nil {
		r.fail("filter %q: %v", c.Text, err)
	}
	if c.Exists.OuterOnly {
		r.keyIn(c.Exists, sql, nullSQL)
		return
	}
	// NOTE: a condition that also reads another relation of the source
	// runs per row (correlated); without an index on the related key,
	// PostgreSQL then scans the related rows once per row.
	r.w("(EXISTS (SELECT 1 FROM ")
	r.scope(c.Exists.Scope, "    ")
	r.w("    WHERE ")
	r.correlation(c.Exists)
	r.w(" AND (" + sql + "))\n    OR (NOT EXISTS (SELECT 1 FROM ")
	r.relation(c.Exists.Scope.Root)
	r.w(" WHERE ")
	r.correlation(c.Exists)
	r.w(") AND (" + nullSQL + ")))")
}

// keyIn keeps the rows whose key is among the keys for which the condition
// holds over the outer relation LEFT JOIN its related rows. The subquery
// reuses the outer relation's alias, so the condition's column references
// bind to it, and it is uncorrelated, so engines hash it once. A row whose
// key is NULL has no related rows and is kept when the condition holds
// with them NULL.
func (r *renderer) keyIn(e *plan.Exists, sql, nullSQL string) {
	r.w("(")
	r.ref(e.Outer)
	r.w(" IN (SELECT ")
	r.ref(e.Outer)
	r.w(" FROM ")
	r.relation(e.OuterRel)
	r.w("\n    LEFT JOIN ")
	r.relation(e.Scope.Root)
	r.w(" ON ")
	r.correlation(e)
	r.w("\n")
	for _, j := range e.Scope.Joins {
		r.w("    LEFT JOIN ")
		r.relation(j.Rel)
		r.w(" ON ")
		r.ref(j.On)
		r.w(" = ")
		r.ref(j.Outer)
		r.w("\n")
	}
	r.w("    WHERE " + sql + ")\n    OR (")
	r.ref(e.Outer)
	r.w(" IS NULL AND (" + nullSQL + ")))")
}

func (r *renderer) correlation(e *plan.Exists) {
	r.ref(e.Inner)
	r.w(" = ")
	r.ref(e.Outer)
}

// timeRange compares the raw column with bounds cast to its type, so an
// index on it still applies.
func (r *renderer) timeRange(rg *plan.Range) {
	typ := " AS TIMESTAMP)"
	switch rg.Kind {
	case resolve.Date:
		typ = " AS DATE)"
	case resolve.TimestampTZ, resolve.AnyTimestamp:
		typ = " AS TIMESTAMPTZ)"
	}
	col := func() { r.ref(rg.Col) }
	if rg.Kind == resolve.AnyTimestamp {
		x := r.capture(col)
		col = func() { r.w(r.d.Instant(x)) }
	}
	switch {
	case rg.Start == "" && rg.End == "":
		r.w("TRUE")
	case rg.Start != "":
		col()
		r.w(" >= CAST(" + r.bind(rg.Start) + typ)
		if rg.End == "" {
			return
		}
		r.w(" AND ")
		fallthrough
	default:
		col()
		r.w(" < CAST(" + r.bind(rg.End) + typ)
	}
}

// celWriter gives a CEL condition the SQL of each name it reads.
type celWriter struct {
	r    *renderer
	cols map[string]plan.Column
	// nulls, when set, replaces the names read through a one-to-many join
	// with typed NULLs: the condition for a row without related rows.
	nulls map[string]string
	// values maps metric names to their values, for metric filters.
	values map[string]plan.Value
}

func (w *celWriter) Column(name string) (string, error) {
	if typ, ok := w.nulls[name]; ok {
		return "CAST(NULL AS " + typ + ")", nil
	}
	if v, ok := w.values[name]; ok {
		return w.r.capture(func() { w.r.value(v) }), nil
	}
	c, ok := w.cols[name]
	if !ok {
		return "", fmt.Errorf("no column planned for %q", name)
	}
	return w.r.capture(func() { w.r.column(c) }), nil
}

func (w *celWriter) Bind(v any) string { return w.r.bind(v) }

func (w *celWriter) Dialect() string { return w.r.d.Name() }
