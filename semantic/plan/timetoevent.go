package plan

import (
	"github.com/metricsd/metricsd/semantic/resolve"
)

// Lag is a time-to-event aggregate over the rows of the start model: each
// row's lag is the earliest end event of its entity minus its start, in
// seconds (a float). Rows without an end event have a NULL lag, so the
// percentiles leave them out and within_sla counts them as not within.
// Negative lags (an end logged before the start) are kept.
type Lag struct {
	Start      ColRef // the start time, in the source's root relation
	End        ColRef // the earliest end time, in a joined Earliest relation
	Statistic  string // percentile | within_sla
	Percentile string // "0.5" for the median, "0.90" for p90
	SLASeconds string
	// StartDate and EndDate mark date columns, which count from midnight
	// UTC, the same clock as timestamps holding UTC instants.
	StartDate, EndDate bool
}

// Earliest reduces a relation to its entity column Entity and the minimum
// of its time column Time, one row per entity value. Joined many-to-one
// to the start model, it gives each start row its first end event without
// repeating the row.
type Earliest struct {
	Entity Projection
	Time   Projection
}

// timeToEventValue plans a time-to-event metric over the start model,
// bucketed by the start time.
func (b *builder) timeToEventValue(met *resolve.Metric, filters []*resolve.Condition) Value {
	t := met.TimeToEvent
	src, st := b.startSource(t)
	root := st.main.scope.Root
	lag := &Lag{
		Start:      project(root, t.Start.Expr, t.Start.Name),
		End:        b.earliestEnd(st, t),
		Statistic:  t.Statistic,
		Percentile: t.Percentile,
		SLASeconds: t.SLASeconds,
		StartDate:  t.Start.Kind == resolve.Date,
		EndDate:    t.End.Kind == resolve.Date,
	}

	a := &Agg{Alias: "a" + itoa(b.nextAgg), Lag: lag}
	b.nextAgg++
	for _, f := range filters {
		if c := b.cond(st, f, false); c != nil {
			a.Conds = append(a.Conds, c)
		}
	}
	src.Aggs = append(src.Aggs, a)
	return &AggValue{Alias: a.Alias}
}

// startSource returns the source over the start model at the start time,
// shared with measures of that model aggregated at the same time.
func (b *builder) startSource(t *resolve.TimeToEvent) (*Source, *sourceState) {
	key := t.Start.Table.Name + "@" + t.Start.Name
	if src, ok := b.sources[key]; ok {
		return src, b.states[src]
	}
	st := &sourceState{table: t.Start.Table, aggTime: t.Start}
	return b.newSource(key, st, false), st
}

// earliestEnd joins the end model, reduced to the earliest end per entity,
// to the source once and returns the earliest end column.
func (b *builder) earliestEnd(st *sourceState, t *resolve.TimeToEvent) ColRef {
	scope := st.main.scope
	for _, j := range scope.Joins {
		e := j.Rel.Earliest
		if e != nil && j.Rel.Table == t.End.Table && e.Time.Expr == t.End.Expr && e.Entity.Expr == t.EndEnt.Expr {
			return ColRef{Rel: j.Rel.Alias, Col: e.Time.Alias}
		}
	}
	rel := st.main.relation(t.End.Table)
	rel.Earliest = &Earliest{
		Entity: Projection{Alias: t.Entity, Expr: t.EndEnt.Expr},
		Time:   Projection{Alias: "earliest_" + t.End.Name, Expr: t.End.Expr},
	}
	outer := project(scope.Root, t.StartEnt.Expr, t.Entity)
	scope.Joins = append(scope.Joins, &Join{Rel: rel, On: ColRef{Rel: rel.Alias, Col: t.Entity}, Outer: outer})
	return ColRef{Rel: rel.Alias, Col: rel.Earliest.Time.Alias}
}
