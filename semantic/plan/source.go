package plan

import (
	"strconv"
	"strings"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// sourceState is the planning state of one source beyond the plan data.
type sourceState struct {
	table   *resolve.Table
	aggTime *resolve.Dim
	main    *scopeBuilder
	next    int
	exists  map[*Cond]*existsBuilder
}

// sourceFor returns the source aggregating ms, creating it on first use. A
// source is one model at one aggregation time: measures that share both
// share one scan.
func (b *builder) sourceFor(ms *resolve.Measure) (*Source, *sourceState) {
	key := ms.Table.Name
	if ms.AggTime != nil {
		key += "@" + ms.AggTime.Name
	}
	if src, ok := b.sources[key]; ok {
		return src, b.states[src]
	}
	st := &sourceState{table: ms.Table, aggTime: ms.AggTime}
	return b.newSource(key, st, false), st
}

func (b *builder) newSource(key string, st *sourceState, keysOnly bool) *Source {
	st.main = newScope(st.table, &st.next)
	src := &Source{Alias: "agg" + strconv.Itoa(len(b.plan.Sources)), KeysOnly: keysOnly}
	b.sources[key] = src
	b.states[src] = st
	b.plan.Sources = append(b.plan.Sources, src)
	for _, n := range b.groupBy {
		src.Keys = append(src.Keys, b.keyColumn(st, n))
	}
	if b.where != nil && (!keysOnly || b.reachesAll(st.table, b.where)) {
		if c := b.cond(st, b.where, false); c != nil {
			src.Where = append(src.Where, c)
		}
	}
	if !keysOnly && (b.set.start.set || b.set.end.set) {
		if st.aggTime == nil {
			b.report(diag.InvalidQuery, "model %q has no agg_time_dimension, so a time range cannot apply to it", st.table.Name)
		} else {
			ref := project(st.main.scope.Root, st.aggTime.Expr, st.aggTime.Name)
			src.Where = append(src.Where, b.rangeCond(ref, st.aggTime.Kind))
		}
	}
	src.Scope = *st.main.scope
	return src
}

// finishScopes copies each source's grown scope into the plan once every
// column is known.
func (b *builder) finishScopes() {
	for _, src := range b.plan.Sources {
		st := b.states[src]
		if st == nil {
			continue // a custom source has no scope of its own
		}
		src.Scope = *st.main.scope
		for c, ex := range st.exists {
			c.Exists.Scope = *ex.scope.scope
		}
	}
}

// keyColumn plans the column a source groups by for one key.
func (b *builder) keyColumn(st *sourceState, n query.Name) Column {
	if n.Dim == query.MetricTime {
		if st.aggTime == nil {
			b.report(diag.InvalidQuery, "model %q has no agg_time_dimension, so it cannot be grouped by %s", st.table.Name, n.Text)
			return Column{}
		}
		if n.Grain != "" && query.GrainRank(n.Grain) < query.GrainRank(st.aggTime.Grain) {
			b.report(diag.InvalidGrain, "%s is finer than %s.%s, which holds values at %s grain",
				n.Text, st.table.Name, st.aggTime.Name, st.aggTime.Grain)
			return Column{}
		}
		return b.timeColumn(st.main.scope.Root, st.aggTime, orGrain(n.Grain, st.aggTime))
	}
	r := b.reach(st, n)
	if r == nil {
		return Column{}
	}
	if r.FanOut {
		b.report(diag.FanOutGroupBy, "cannot group model %q by %q: the path %s crosses a one-to-many join and would repeat its rows",
			st.table.Name, n.Text, resolve.PathString(st.table, r.Path)).
			WithDetail("filter by the dimension instead (a filter keeps each row at most once), or use a metric defined on that model")
		return Column{}
	}
	rel, _ := st.main.walk("", r.Path)
	return b.dimColumn(rel, r.Dim, orGrain(n.Grain, r.Dim))
}

// orGrain is the grain a key buckets to: as written, else the dimension's.
func orGrain(grain string, d *resolve.Dim) string {
	if grain == "" {
		return d.Grain
	}
	return grain
}

// reach looks a name up from a source's model and reports why it fails.
func (b *builder) reach(st *sourceState, n query.Name) *resolve.Reach {
	r := st.table.Reach[n.Key()]
	if len(n.Path) > 0 {
		r = st.table.Via(n.Path, n.Key())
	}
	switch {
	case r == nil:
		b.report(diag.NoJoinPath, "model %q has no join path to %q", st.table.Name, n.Text).
			WithDetail("joins follow entities from foreign keys to primary keys; declare the entity on both models")
		return nil
	case len(r.Ambiguous) > 0:
		b.report(diag.AmbiguousJoinPath, "model %q reaches %q by %d paths", st.table.Name, n.Text, len(r.Ambiguous)).
			WithDetail("candidate paths: " + strings.Join(r.Ambiguous, "; ") + "; name the one you mean").
			WithSuggestions(r.Qualified)
		return nil
	}
	return r
}

func (b *builder) dimColumn(rel *Relation, d *resolve.Dim, grain string) Column {
	if d.Time {
		return b.timeColumn(rel, d, grain)
	}
	return Column{Ref: project(rel, d.Expr, d.Name)}
}

func (b *builder) timeColumn(rel *Relation, d *resolve.Dim, grain string) Column {
	return Column{Ref: project(rel, d.Expr, d.Name), Time: &TimeSpec{Kind: d.Kind, Grain: grain,
		WeekStart: b.set.weekStart, FiscalStart: b.set.fiscalStart}}
}
