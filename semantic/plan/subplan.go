package plan

import (
	"github.com/metricsd/metricsd/semantic/query"
)

// subPlan plans one value grouped by groupBy over a time range of its own,
// with the query's filter, time zone, week start and fiscal year. Windows
// and offsets read their input through a sub-plan, so the input is
// computed exactly as the same metric would be in a query of its own. Its
// single output is named "v"; its keys keep their group-by names.
//
// NOTE: the query's where filter applies to the input too, so a filter on
// metric_time (unlike the time range) also cuts a window's history.
func (b *builder) subPlan(prefix string, groupBy []string, rng *query.TimeRange, value func(sb *builder) (Value, string)) *Plan {
	q := query.Query{GroupBy: groupBy, Where: b.q.Where, TimeRange: rng, TimeZone: b.q.TimeZone,
		WeekStart: b.q.WeekStart, FiscalYearStartMonth: b.q.FiscalYearStartMonth}
	sb := &builder{m: b.m, q: q, plan: &Plan{}, where: b.where,
		sources: map[string]*Source{}, states: map[*Source]*sourceState{},
		aggs: map[string]*AggValue{}, failed: b.failed}
	sb.set = readSettings(q, &sb.diags)
	sb.plan.TimeZone = sb.set.zone
	sb.groupBys()
	v, typ := value(sb)
	sb.plan.Outputs = []*Output{{Name: "v", Value: v, Type: typ}}
	sb.finishScopes()
	b.diags = append(b.diags, sb.diags...)
	for _, s := range sb.plan.Sources {
		s.Alias = prefix + "_" + s.Alias
	}
	return sb.plan
}

// otherKeys lists the query's group-by names except the metric_time key.
func (b *builder) otherKeys(timeKey int) []string {
	var out []string
	for i, n := range b.groupBy {
		if i != timeKey {
			out = append(out, n.Text)
		}
	}
	return out
}
