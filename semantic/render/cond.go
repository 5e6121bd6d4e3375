package render

import (
	"fmt"

	"github.com/metricsd/metricsd/semantic/plan"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// cond writes a row filter. A condition that reads across a one-to-many
// join becomes EXISTS over the related rows, so it never repeats a row.
func (r *renderer) cond(c *plan.Cond) string {
	if c.Range != nil {
		return r.timeRange(c.Range)
	}
	w := &celWriter{r: r, cols: c.Columns}
	sql, err := c.CEL.WriteSQL(w)
	if err != nil {
		r.fail("filter %q: %v", c.Text, err)
	}
	if c.Exists == nil {
		return "(" + sql + ")"
	}
	return "EXISTS (SELECT 1 FROM " + r.scope(c.Exists.Scope, "    ") +
		"    WHERE " + r.ref(c.Exists.Inner) + " = " + r.ref(c.Exists.Outer) + " AND (" + sql + "))"
}

// timeRange compares the raw column with bounds cast to its type, so an
// index on it still applies.
func (r *renderer) timeRange(rg *plan.Range) string {
	typ := "TIMESTAMP"
	switch rg.Kind {
	case resolve.Date:
		typ = "DATE"
	case resolve.TimestampTZ:
		typ = "TIMESTAMPTZ"
	}
	x := r.ref(rg.Col)
	var parts []string
	if rg.Start != "" {
		parts = append(parts, x+" >= CAST("+r.bind(rg.Start)+" AS "+typ+")")
	}
	if rg.End != "" {
		parts = append(parts, x+" < CAST("+r.bind(rg.End)+" AS "+typ+")")
	}
	if len(parts) == 0 {
		return "TRUE"
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return parts[0] + " AND " + parts[1]
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
	return w.r.column(c), nil
}

func (w *celWriter) Bind(v any) string { return w.r.bind(v) }

func (w *celWriter) Dialect() string { return w.r.d.Name() }
