package render

import (
	"fmt"

	"github.com/metricsd/metricsd/semantic/plan"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// cond writes a row filter. A condition that reads across a one-to-many
// join becomes EXISTS over the related rows, so it never repeats a row.
func (r *renderer) cond(c *plan.Cond) {
	if c.Range != nil {
		r.timeRange(c.Range)
		return
	}
	sql, err := c.CEL.WriteSQL(&celWriter{r: r, cols: c.Columns})
	if err != nil {
		r.fail("filter %q: %v", c.Text, err)
	}
	if c.Exists == nil {
		r.w("(" + sql + ")")
		return
	}
	r.w("EXISTS (SELECT 1 FROM ")
	r.scope(c.Exists.Scope, "    ")
	r.w("    WHERE ")
	r.ref(c.Exists.Inner)
	r.w(" = ")
	r.ref(c.Exists.Outer)
	r.w(" AND (" + sql + "))")
}

// timeRange compares the raw column with bounds cast to its type, so an
// index on it still applies.
func (r *renderer) timeRange(rg *plan.Range) {
	typ := " AS TIMESTAMP)"
	switch rg.Kind {
	case resolve.Date:
		typ = " AS DATE)"
	case resolve.TimestampTZ:
		typ = " AS TIMESTAMPTZ)"
	}
	switch {
	case rg.Start == "" && rg.End == "":
		r.w("TRUE")
	case rg.Start != "":
		r.ref(rg.Col)
		r.w(" >= CAST(" + r.bind(rg.Start) + typ)
		if rg.End == "" {
			return
		}
		r.w(" AND ")
		fallthrough
	default:
		r.ref(rg.Col)
		r.w(" < CAST(" + r.bind(rg.End) + typ)
	}
}

// celWriter gives a CEL condition the SQL of each name it reads.
type celWriter struct {
	r    *renderer
	cols map[string]plan.Column
}

func (w *celWriter) Column(name string) (string, error) {
	c, ok := w.cols[name]
	if !ok {
		return "", fmt.Errorf("no column planned for %q", name)
	}
	return w.r.capture(func() { w.r.column(c) }), nil
}

func (w *celWriter) Bind(v any) string { return w.r.bind(v) }

func (w *celWriter) Dialect() string { return w.r.d.Name() }
