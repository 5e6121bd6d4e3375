package plan

import (
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// existsBuilder grows the correlated scope of one condition that reads
// across a one-to-many join.
type existsBuilder struct {
	key   string // the join path from the source's root to the related model
	scope *scopeBuilder
}

// cond maps each name a condition reads to a column of the source. local
// conditions (measure filters) read the model's own dimensions by plain
// name; the others read group-by style names. Nil means an error was
// reported.
func (b *builder) cond(st *sourceState, c *resolve.Condition, local bool) *Cond {
	out := &Cond{Text: c.Text, CEL: c, Columns: map[string]Column{}}
	for _, name := range c.Names {
		col, ok := b.condColumn(st, out, name, local)
		if !ok {
			return nil
		}
		out.Columns[name] = col
	}
	if e := out.Exists; e != nil {
		e.OuterOnly = true
		for name, col := range out.Columns {
			if _, related := out.NullTypes[name]; !related && col.Ref.Rel != e.OuterRel.Alias {
				e.OuterOnly = false
			}
		}
	}
	return out
}

func (b *builder) condColumn(st *sourceState, out *Cond, name string, local bool) (Column, bool) {
	root := st.main.scope.Root
	if local {
		d := st.table.Dims[name]
		if d == nil {
			b.report(diag.UnknownDimension, "model %q has no dimension %q", st.table.Name, name)
			return Column{}, false
		}
		return b.dimColumn(root, d, ""), true
	}
	n, ok := query.ParseName(name)
	if !ok {
		b.unknownDimension(name)
		return Column{}, false
	}
	if n.Dim == query.MetricTime {
		if st.aggTime == nil {
			b.report(diag.InvalidQuery, "model %q has no agg_time_dimension, so a filter on %s cannot apply to it", st.table.Name, name)
			return Column{}, false
		}
		return b.timeColumn(root, st.aggTime, n.Grain), true
	}
	r := b.reach(st, n)
	if r == nil {
		return Column{}, false
	}
	if !r.FanOut {
		rel, _ := st.main.walk("", r.Path)
		return b.dimColumn(rel, r.Dim, n.Grain), true
	}
	rel, ok := b.existsRelation(st, out, r)
	if !ok {
		return Column{}, false
	}
	if out.NullTypes == nil {
		out.NullTypes = map[string]string{}
	}
	out.NullTypes[name] = nullType(r.Dim, n.Grain)
	return b.dimColumn(rel, r.Dim, n.Grain), true
}

// nullType is the SQL type a dimension's value has in a condition.
func nullType(d *resolve.Dim, grain string) string {
	if d.Time {
		if d.Kind == resolve.Date || query.GrainRank(grain) >= query.GrainRank("day") {
			return "DATE"
		}
		return "TIMESTAMP"
	}
	switch d.DataType {
	case "integer":
		return "BIGINT"
	case "decimal":
		return "NUMERIC"
	case "float":
		return "DOUBLE PRECISION"
	case "boolean":
		return "BOOLEAN"
	}
	return "TEXT"
}

// existsRelation joins the path's many-to-one prefix in the source's scope
// and the rest, from the first one-to-many hop on, inside the condition's
// EXISTS scope.
func (b *builder) existsRelation(st *sourceState, out *Cond, r *resolve.Reach) (*Relation, bool) {
	i := 0
	for !r.Path[i].FanOut {
		i++
	}
	outerRel, outerKey := st.main.walk("", r.Path[:i])
	hop := r.Path[i]
	key := outerKey + ">" + hop.Entity + ":" + hop.To.Name
	if st.exists == nil {
		st.exists = map[*Cond]*existsBuilder{}
	}
	ex := st.exists[out]
	if ex == nil {
		ex = &existsBuilder{key: key, scope: newScope(hop.To, &st.next)}
		st.exists[out] = ex
		out.Exists = &Exists{
			Inner:    project(ex.scope.scope.Root, hop.To.Entities[hop.Entity].Expr, hop.Entity),
			Outer:    project(outerRel, hop.From.Entities[hop.Entity].Expr, hop.Entity),
			OuterRel: outerRel,
		}
	} else if ex.key != key {
		b.report(diag.InvalidQuery, "a filter on model %q reads dimensions across two different one-to-many joins", st.table.Name).
			WithDetail("split the condition so each part reads one related model")
		return nil, false
	}
	rel, _ := ex.scope.walk("", r.Path[i+1:])
	return rel, true
}

// reachesAll reports whether t reaches every name c reads without fan-out.
func (b *builder) reachesAll(t *resolve.Table, c *resolve.Condition) bool {
	for _, name := range c.Names {
		n, ok := query.ParseName(name)
		if !ok || n.Dim == query.MetricTime {
			return false
		}
		r := t.Reach[n.Key()]
		if r == nil || r.Dim == nil || r.FanOut {
			return false
		}
	}
	return true
}
