package plan

import (
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// Lag is a time-to-event aggregate over the rows of the start model: each
// row's lag is the earliest end event of its entity minus its start, in
// seconds (a float). Rows without an end event have a NULL lag: the
// percentiles leave them out, and within_sla counts them as not within.
// Negative lags (an end logged before the start) are kept.
type Lag struct {
	Start      ColRef    // the start time, in the source's root relation
	StartEnt   ColRef    // the entity, in the source's root relation
	End        *Relation // the end model, read in a correlated subquery
	EndTime    ColRef
	EndEnt     ColRef
	Statistic  string // percentile | within_sla
	Percentile string // "0.5" for the median, "0.90" for p90
	SLASeconds string
}

// timeToEventValue plans a time-to-event metric over the start model,
// bucketed by the start time.
func (b *builder) timeToEventValue(met *resolve.Metric, filters []*resolve.Condition) Value {
	t := met.TimeToEvent
	key := t.Start.Table.Name + "@" + t.Start.Name
	src, ok := b.sources[key]
	var st *sourceState
	if ok {
		st = b.states[src]
	} else {
		st = &sourceState{table: t.Start.Table, aggTime: t.Start}
		src = b.newSource(key, st, false)
	}
	root := st.main.scope.Root
	end := newScope(t.End.Table, &st.next).scope.Root
	lag := &Lag{
		Start:      project(root, t.Start.Expr, t.Start.Name),
		StartEnt:   project(root, t.StartEnt.Expr, t.Entity),
		End:        end,
		EndTime:    project(end, t.End.Expr, t.End.Name),
		EndEnt:     project(end, t.EndEnt.Expr, t.Entity),
		Statistic:  t.Statistic,
		Percentile: t.Percentile,
		SLASeconds: t.SLASeconds,
	}
	if t.Start.Kind != t.End.Kind {
		b.report(diag.InvalidQuery, "time_to_event metric %q: start %s and end %s hold different kinds of time (%s and %s)",
			met.Name, t.Start.Name, t.End.Name, t.Start.Kind, t.End.Kind)
		return &Const{Text: "NULL"}
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
