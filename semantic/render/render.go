package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/metricsd/metricsd/semantic/plan"
)

// Render writes p as one SQL statement for d with its bind arguments.
func Render(p *plan.Plan, d Dialect) (sql string, args []any, err error) {
	r := &renderer{d: d, p: p}
	defer func() {
		if v := recover(); v != nil {
			e, ok := v.(renderError)
			if !ok {
				panic(v)
			}
			sql, args, err = "", nil, e.err
		}
	}()
	r.statement()
	return r.b.String(), r.args, nil
}

// renderError carries a failure out of deep rendering calls; Render turns
// it back into an error.
type renderError struct{ err error }

type renderer struct {
	d    Dialect
	p    *plan.Plan
	b    strings.Builder
	args []any
	tz   string // the time zone placeholder, bound on first use
}

func (r *renderer) fail(format string, args ...any) {
	panic(renderError{fmt.Errorf(format, args...)})
}

// bind adds a bind argument and returns its placeholder.
func (r *renderer) bind(v any) string {
	r.args = append(r.args, v)
	return r.d.Placeholder(len(r.args))
}

func (r *renderer) zone() string {
	if r.tz == "" {
		r.tz = r.bind(r.p.TimeZone)
	}
	return r.tz
}

func (r *renderer) q(ident string) string { return r.d.Quote(ident) }

func (r *renderer) ref(c plan.ColRef) string { return r.q(c.Rel) + "." + r.q(c.Col) }

func (r *renderer) statement() {
	r.b.WriteString("WITH ")
	for i, s := range r.p.Sources {
		if i > 0 {
			r.b.WriteString(", ")
		}
		r.b.WriteString(r.q(s.Alias) + " AS (\n")
		r.source(s)
		r.b.WriteString(")")
	}
	from := r.q(r.p.Sources[0].Alias)
	if r.p.Merged() {
		r.b.WriteString(", " + r.q("merged") + " AS (\n")
		r.merge()
		r.b.WriteString(")")
		from = r.q("merged")
	}
	r.b.WriteString("\n")
	r.final(from)
}

// source aggregates one model: SELECT keys, aggregates FROM scope WHERE ...
// GROUP BY keys.
func (r *renderer) source(s *plan.Source) {
	var cols []string
	for i, k := range s.Keys {
		cols = append(cols, r.column(k)+" AS "+r.q(r.p.Keys[i].Alias))
	}
	for _, a := range s.Aggs {
		cols = append(cols, r.aggregate(a)+" AS "+r.q(a.Alias))
	}
	r.b.WriteString("  SELECT " + strings.Join(cols, ", ") + "\n")
	r.b.WriteString("  FROM " + r.scope(s.Scope, "  "))
	if len(s.Where) > 0 {
		conds := make([]string, len(s.Where))
		for i, c := range s.Where {
			conds[i] = r.cond(c)
		}
		r.b.WriteString("  WHERE " + strings.Join(conds, "\n    AND ") + "\n")
	}
	if len(s.Keys) > 0 {
		r.b.WriteString("  GROUP BY " + ordinals(len(s.Keys)) + "\n")
	}
}

func ordinals(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = strconv.Itoa(i + 1)
	}
	return strings.Join(parts, ", ")
}

// scope writes a root relation and its many-to-one LEFT JOINs: a measure
// row whose dimension row is missing still counts, in the NULL group.
func (r *renderer) scope(sc plan.Scope, indent string) string {
	var b strings.Builder
	b.WriteString(r.relation(sc.Root) + "\n")
	for _, j := range sc.Joins {
		b.WriteString(indent + "LEFT JOIN " + r.relation(j.Rel) + " ON " + r.ref(j.On) + " = " + r.ref(j.Outer) + "\n")
	}
	return b.String()
}

// relation projects the columns a query uses out of one model, each
// definitions expression evaluated in the model's own scope.
func (r *renderer) relation(rel *plan.Relation) string {
	var cols []string
	for _, c := range rel.Columns {
		cols = append(cols, r.expr(c.Expr)+" AS "+r.q(c.Alias))
	}
	if len(cols) == 0 {
		cols = append(cols, "1 AS "+r.q("row"))
	}
	table, sql := rel.Table.Relation()
	from := r.tableName(table)
	if table == "" {
		from = "(" + strings.TrimSpace(sql) + ") AS " + r.q("src")
	}
	return "(SELECT " + strings.Join(cols, ", ") + " FROM " + from + ") AS " + r.q(rel.Alias)
}

// expr writes a definitions expression: a bare column name is quoted,
// anything else is SQL reviewed with the definitions and used as written.
func (r *renderer) expr(e string) string {
	if isIdent(e) {
		return r.q(e)
	}
	return e
}

func (r *renderer) tableName(name string) string {
	parts := strings.Split(name, ".")
	for i, p := range parts {
		parts[i] = r.q(p)
	}
	return strings.Join(parts, ".")
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// merge stacks every source's rows (FULL JOIN ON FALSE keeps each row once
// with the other sources' columns NULL and their types intact) and groups
// them by the keys. Grouping treats NULL as one value, so the NULL group of
// two sources becomes one row, on every engine.
func (r *renderer) merge() {
	var cols []string
	for i, k := range r.p.Keys {
		var refs []string
		for _, s := range r.p.Sources {
			refs = append(refs, r.q(s.Alias)+"."+r.q(r.p.Keys[i].Alias))
		}
		cols = append(cols, "coalesce("+strings.Join(refs, ", ")+") AS "+r.q(k.Alias))
	}
	for _, s := range r.p.Sources {
		for _, a := range s.Aggs {
			cols = append(cols, "max("+r.q(s.Alias)+"."+r.q(a.Alias)+") AS "+r.q(a.Alias))
		}
	}
	r.b.WriteString("  SELECT " + strings.Join(cols, ", ") + "\n")
	r.b.WriteString("  FROM " + r.q(r.p.Sources[0].Alias))
	for _, s := range r.p.Sources[1:] {
		r.b.WriteString(" FULL JOIN " + r.q(s.Alias) + " ON FALSE")
	}
	r.b.WriteString("\n")
	if len(r.p.Keys) > 0 {
		r.b.WriteString("  GROUP BY " + ordinals(len(r.p.Keys)) + "\n")
	}
}

// final selects keys and metric values, orders with NULLs last in both
// directions (the engines' defaults differ) and pages.
func (r *renderer) final(from string) {
	var cols []string
	for _, k := range r.p.Keys {
		cols = append(cols, r.q(k.Alias)+" AS "+r.q(k.Name))
	}
	for _, o := range r.p.Outputs {
		cols = append(cols, r.value(o.Value)+" AS "+r.q(o.Name))
	}
	r.b.WriteString("SELECT " + strings.Join(cols, ", ") + "\n")
	r.b.WriteString("FROM " + from + "\n")
	if len(r.p.Order) > 0 {
		var items []string
		for _, o := range r.p.Order {
			item := r.q(o.Name)
			if o.Key >= 0 {
				item = r.q(r.p.Keys[o.Key].Name)
			} else if !r.selected(o.Name) {
				item = r.value(o.Value)
			}
			if o.Desc {
				item += " DESC"
			}
			items = append(items, item+" NULLS LAST")
		}
		r.b.WriteString("ORDER BY " + strings.Join(items, ", ") + "\n")
	}
	if r.p.Limit > 0 {
		r.b.WriteString("LIMIT " + strconv.Itoa(r.p.Limit) + "\n")
	}
	if r.p.Offset > 0 {
		r.b.WriteString("OFFSET " + strconv.Itoa(r.p.Offset) + "\n")
	}
}

func (r *renderer) selected(name string) bool {
	for _, o := range r.p.Outputs {
		if o.Name == name {
			return true
		}
	}
	return false
}
