package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/metricsd/metricsd/semantic/plan"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// Render writes p as one SQL statement for d with its bind arguments. A
// plan needing a feature d lacks gets an *UnsupportedError.
func Render(p *plan.Plan, d Dialect) (sql string, args []any, err error) {
	if err := check(p, d); err != nil {
		return "", nil, err
	}
	var b strings.Builder
	b.Grow(1024 + 1024*len(p.Sources))
	r := &renderer{d: d, p: p, b: &b, st: &binds{}}
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
	return b.String(), r.st.args, nil
}

// renderError carries a failure out of deep rendering calls; Render turns
// it back into an error.
type renderError struct{ err error }

// renderer writes SQL into b. Every piece is written in place rather than
// built as a string and concatenated, which keeps compiling a query
// allocation-light.
type renderer struct {
	d  Dialect
	p  *plan.Plan
	b  *strings.Builder
	st *binds
}

// binds are the bind arguments of one statement.
type binds struct {
	args []any
	tz   string // the time zone placeholder, bound on first use
}

func (r *renderer) fail(format string, args ...any) {
	panic(renderError{fmt.Errorf(format, args...)})
}

// bind adds a bind argument and returns its placeholder.
func (r *renderer) bind(v any) string {
	r.st.args = append(r.st.args, v)
	return r.d.Placeholder(len(r.st.args))
}

func (r *renderer) zone() string {
	if r.st.tz == "" {
		r.st.tz = r.bind(r.p.TimeZone)
	}
	return r.st.tz
}

// capture renders into a separate buffer and returns the text, for the
// pieces a CEL condition requests as strings.
func (r *renderer) capture(fn func()) string {
	saved := r.b
	var tmp strings.Builder
	r.b = &tmp
	fn()
	r.b = saved
	return tmp.String()
}

func (r *renderer) w(s string) { r.b.WriteString(s) }

func (r *renderer) ident(s string) { r.d.QuoteTo(r.b, s) }

func (r *renderer) ref(c plan.ColRef) {
	r.ident(c.Rel)
	r.b.WriteByte('.')
	r.ident(c.Col)
}

// as writes ` AS "alias"`.
func (r *renderer) as(alias string) {
	r.w(" AS ")
	r.ident(alias)
}

func (r *renderer) statement() {
	r.w("WITH ")
	for i, s := range r.p.Sources {
		if i > 0 {
			r.w(", ")
		}
		if s.Custom != nil {
			r.custom(s)
			continue
		}
		r.ident(s.Alias)
		r.w(" AS (\n")
		r.source(s)
		r.w(")")
	}
	from := r.p.Sources[0].Alias
	if r.p.Merged() {
		r.w(", ")
		r.ident("merged")
		r.w(" AS (\n")
		r.merge()
		r.w(")")
		from = "merged"
	}
	r.w("\n")
	r.final(from)
}

// source aggregates one model: SELECT keys, aggregates FROM scope WHERE ...
// GROUP BY keys.
func (r *renderer) source(s *plan.Source) {
	r.w("  SELECT ")
	for i, k := range s.Keys {
		if i > 0 {
			r.w(", ")
		}
		r.column(k)
		r.as(r.p.Keys[i].Alias)
	}
	for i, a := range s.Aggs {
		if i > 0 || len(s.Keys) > 0 {
			r.w(", ")
		}
		r.aggregate(a)
		r.as(a.Alias)
	}
	r.w("\n  FROM ")
	r.scope(s.Scope, "  ")
	for i, c := range s.Where {
		if i == 0 {
			r.w("  WHERE ")
		} else {
			r.w("\n    AND ")
		}
		r.cond(c)
	}
	if len(s.Where) > 0 {
		r.w("\n")
	}
	if len(s.Keys) > 0 {
		r.w("  GROUP BY ")
		r.ordinals(len(s.Keys))
		r.w("\n")
	}
}

func (r *renderer) ordinals(n int) {
	for i := 1; i <= n; i++ {
		if i > 1 {
			r.w(", ")
		}
		r.w(strconv.Itoa(i))
	}
}

// scope writes a root relation and its many-to-one LEFT JOINs: a measure
// row whose dimension row is missing still counts, in the NULL group.
func (r *renderer) scope(sc plan.Scope, indent string) {
	r.relation(sc.Root)
	r.w("\n")
	for _, j := range sc.Joins {
		r.w(indent)
		r.w("LEFT JOIN ")
		r.relation(j.Rel)
		r.w(" ON ")
		r.ref(j.On)
		r.w(" = ")
		r.ref(j.Outer)
		r.w("\n")
	}
}

// relation projects the columns a query uses out of one model, each
// definitions expression evaluated in the model's own scope.
func (r *renderer) relation(rel *plan.Relation) {
	if rel.Earliest != nil {
		r.earliest(rel)
		return
	}
	r.w("(SELECT ")
	for i, c := range rel.Columns {
		if i > 0 {
			r.w(", ")
		}
		r.expr(c.Expr)
		r.as(c.Alias)
	}
	if len(rel.Columns) == 0 {
		r.w("1")
		r.as("row")
	}
	r.w(" FROM ")
	table, sql := rel.Table.Relation()
	if table != "" {
		r.tableName(table)
	} else {
		r.w("(")
		r.w(strings.TrimSpace(sql))
		r.w(")")
		r.as("src")
	}
	r.w(")")
	r.as(rel.Alias)
}

// expr writes a definitions expression: a bare column name is quoted,
// anything else is SQL reviewed with the definitions and used as written.
func (r *renderer) expr(e string) {
	if resolve.IsIdent(e) {
		r.ident(e)
		return
	}
	r.w(e)
}

func (r *renderer) tableName(name string) {
	for i, part := range strings.Split(name, ".") {
		if i > 0 {
			r.w(".")
		}
		r.ident(part)
	}
}

// merge stacks every source's rows, each once with the other sources'
// columns NULL, and groups them by the keys. Grouping treats NULL as one
// value, so the NULL group of two sources becomes one row, on every engine.
func (r *renderer) merge() {
	r.w("  SELECT ")
	first := true
	sep := func() {
		if !first {
			r.w(", ")
		}
		first = false
	}
	stacked := r.d.StackByName()
	for _, k := range r.p.Keys {
		sep()
		if stacked {
			r.ident(k.Alias)
			continue
		}
		r.w("coalesce(")
		for j, s := range r.p.Sources {
			if j > 0 {
				r.w(", ")
			}
			r.ref(plan.ColRef{Rel: s.Alias, Col: k.Alias})
		}
		r.w(")")
		r.as(k.Alias)
	}
	for _, s := range r.p.Sources {
		for _, a := range s.Aggs {
			sep()
			r.w("max(")
			if stacked {
				r.ident(a.Alias)
			} else {
				r.ref(plan.ColRef{Rel: s.Alias, Col: a.Alias})
			}
			r.w(")")
			r.as(a.Alias)
		}
	}
	r.w("\n  FROM ")
	if stacked {
		r.stackByName()
	} else {
		r.stackFullJoin()
	}
	r.w("\n")
	if len(r.p.Keys) > 0 {
		r.w("  GROUP BY ")
		r.ordinals(len(r.p.Keys))
		r.w("\n")
	}
}

// stackFullJoin joins the sources on FALSE: each row appears once with the
// other sources' columns NULL, their types intact.
func (r *renderer) stackFullJoin() {
	r.ident(r.p.Sources[0].Alias)
	for _, s := range r.p.Sources[1:] {
		r.w(" FULL JOIN ")
		r.ident(s.Alias)
		r.w(" ON FALSE")
	}
}

// stackByName unions the sources by column name; each source's missing
// columns become NULL.
func (r *renderer) stackByName() {
	r.w("(")
	for i, s := range r.p.Sources {
		if i > 0 {
			r.w("\n    UNION ALL BY NAME ")
		}
		r.w("SELECT ")
		for j, k := range r.p.Keys {
			if j > 0 {
				r.w(", ")
			}
			r.ident(k.Alias)
		}
		for j, a := range s.Aggs {
			if j > 0 || len(r.p.Keys) > 0 {
				r.w(", ")
			}
			r.ident(a.Alias)
		}
		r.w(" FROM ")
		r.ident(s.Alias)
	}
	r.w(")")
	r.as("stacked")
}

// final selects keys and metric values, orders with NULLs last in both
// directions (the engines' defaults differ) and pages.
func (r *renderer) final(from string) {
	r.w("SELECT ")
	for i, k := range r.p.Keys {
		if i > 0 {
			r.w(", ")
		}
		r.ident(k.Alias)
		r.as(k.Name)
	}
	for i, o := range r.p.Outputs {
		if i > 0 || len(r.p.Keys) > 0 {
			r.w(", ")
		}
		r.value(o.Value)
		r.as(o.Name)
	}
	r.w("\nFROM ")
	r.ident(from)
	r.w("\n")
	for i, c := range r.p.Having {
		if i == 0 {
			r.w("WHERE ")
		} else {
			r.w(" AND ")
		}
		r.cond(c)
	}
	if len(r.p.Having) > 0 {
		r.w("\n")
	}
	for i, o := range r.p.Order {
		if i == 0 {
			r.w("ORDER BY ")
		} else {
			r.w(", ")
		}
		switch {
		case o.Key >= 0:
			r.ident(r.p.Keys[o.Key].Name)
		case r.selected(o.Name):
			r.ident(o.Name)
		default:
			r.value(o.Value)
		}
		if o.Desc {
			r.w(" DESC")
		}
		r.w(" NULLS LAST")
	}
	if len(r.p.Order) > 0 {
		r.w("\n")
	}
	if r.p.Limit > 0 {
		r.w("LIMIT " + strconv.Itoa(r.p.Limit) + "\n")
	}
	if r.p.Offset > 0 {
		r.w("OFFSET " + strconv.Itoa(r.p.Offset) + "\n")
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
