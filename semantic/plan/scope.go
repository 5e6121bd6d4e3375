package plan

import (
	"strconv"

	"github.com/metricsd/metricsd/semantic/resolve"
)

// scopeBuilder grows one FROM clause: relations are added once per join
// path, and each relation projects each expression once.
type scopeBuilder struct {
	scope  *Scope
	byPath map[string]*Relation
	next   *int // alias counter shared by a source's scopes
}

func newScope(t *resolve.Table, next *int) *scopeBuilder {
	s := &scopeBuilder{scope: &Scope{}, byPath: map[string]*Relation{}, next: next}
	s.scope.Root = s.relation(t)
	s.byPath[""] = s.scope.Root
	return s
}

func (s *scopeBuilder) relation(t *resolve.Table) *Relation {
	r := &Relation{Alias: "t" + strconv.Itoa(*s.next), Table: t}
	*s.next++
	return r
}

// walk joins each hop in turn, many-to-one, from the relation at key
// `from`, reusing relations already joined along the same path.
func (s *scopeBuilder) walk(from string, hops []resolve.Hop) (*Relation, string) {
	cur, key := s.byPath[from], from
	for _, h := range hops {
		key += ">" + h.Entity + ":" + h.To.Name
		if r, ok := s.byPath[key]; ok {
			cur = r
			continue
		}
		r := s.relation(h.To)
		outer := project(cur, h.From.Entities[h.Entity].Expr, h.Entity)
		on := project(r, h.To.Entities[h.Entity].Expr, h.Entity)
		s.scope.Joins = append(s.scope.Joins, &Join{Rel: r, On: on, Outer: outer, Hop: h})
		s.byPath[key] = r
		cur = r
	}
	return cur, key
}

// project adds expr to the relation's columns (once) and returns its ref.
// The alias is the column name for a bare column, else the definition's
// name, suffixed when two expressions would share it.
func project(r *Relation, expr, name string) ColRef {
	for _, c := range r.Columns {
		if c.Expr == expr {
			return ColRef{Rel: r.Alias, Col: c.Alias}
		}
	}
	if resolve.IsIdent(expr) {
		name = expr
	}
	alias := name
	for n := 2; taken(r, alias); n++ {
		alias = name + "_" + strconv.Itoa(n)
	}
	r.Columns = append(r.Columns, Projection{Alias: alias, Expr: expr})
	return ColRef{Rel: r.Alias, Col: alias}
}

func taken(r *Relation, alias string) bool {
	for _, c := range r.Columns {
		if c.Alias == alias {
			return true
		}
	}
	return false
}
