package plan

import (
	"strings"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// Conversion is a row condition of a base event: some conversion event of
// the same entity happened at the base event's time or at most Window
// later, agreeing on every constant property and passing the conversion
// measure's filter. It is written as EXISTS, so a base event counts once
// however many conversions follow it.
type Conversion struct {
	Scope       Scope // the conversion model
	Entity      ColRef
	Time        ColRef
	OuterEntity ColRef
	OuterTime   ColRef
	Window      resolve.Interval
	Props       []ColPair
	// Filters are the conversion measure's filter and the metric's filter
	// on its conversion_measure input, in Scope.
	Filters []*Cond
}

// ColPair is an inner and an outer column that must be equal.
type ColPair struct{ Inner, Outer ColRef }

// conversionValue plans a conversion metric: conversions is the base
// measure over base events that converted; conversion_rate divides it by
// the base measure over all base events. Both are bucketed by the base
// event's time.
func (b *builder) conversionValue(met *resolve.Metric, filters []*resolve.Condition) Value {
	c := met.Conversion
	base := c.Base.Measure
	if base.AggTime == nil || c.Conv.Measure.AggTime == nil {
		b.report(diag.InvalidQuery, "conversion metric %q: both measures need an agg_time_dimension", met.Name)
		return &Const{Text: "NULL"}
	}
	src, st := b.sourceFor(base)
	conv := b.conversionCond(met, st)
	if conv == nil {
		return &Const{Text: "NULL"}
	}
	converted := b.condAgg(src, st, c.Base, filters, conv, "converts:"+met.Name)
	if !c.Rate {
		return converted
	}
	return &Arith{Op: '/', L: converted, R: b.measureValue(c.Base, filters)}
}

// conversionCond correlates the conversion model with the base source.
func (b *builder) conversionCond(met *resolve.Metric, st *sourceState) *Cond {
	c := met.Conversion
	ms := c.Conv.Measure
	inner := &sourceState{table: ms.Table, aggTime: ms.AggTime, next: st.next}
	inner.main = newScope(ms.Table, &st.next)
	root, outer := inner.main.scope.Root, st.main.scope.Root
	cv := &Conversion{
		Entity:      project(root, c.ConvEnt.Expr, c.Entity),
		Time:        project(root, ms.AggTime.Expr, ms.AggTime.Name),
		OuterEntity: project(outer, c.BaseEnt.Expr, c.Entity),
		OuterTime:   project(outer, c.Base.Measure.AggTime.Expr, c.Base.Measure.AggTime.Name),
		Window:      c.Window,
	}
	for _, p := range c.Props {
		cv.Props = append(cv.Props, ColPair{Inner: project(root, p.Conv.Expr, p.Conv.Name), Outer: project(outer, p.Base.Expr, p.Base.Name)})
	}
	if ms.Filter != nil {
		f := b.cond(inner, ms.Filter, true)
		if f == nil {
			return nil
		}
		cv.Filters = append(cv.Filters, f)
	}
	if c.Conv.Filter != nil {
		f := b.cond(inner, c.Conv.Filter, false)
		if f == nil {
			return nil
		}
		if f.Exists != nil {
			b.report(diag.NotImplemented, "conversion metric %q: the conversion_measure filter reads across a one-to-many join", met.Name)
			return nil
		}
		cv.Filters = append(cv.Filters, f)
	}
	cv.Scope = *inner.main.scope
	text := "a " + ms.Name + " row of the same " + c.Entity + " within " + strings.TrimPrefix(c.Window.SQL(), "INTERVAL ")
	return &Cond{Text: text, Converts: cv}
}

// condAgg adds (or reuses) a measure's aggregate with one extra planned
// condition.
func (b *builder) condAgg(src *Source, st *sourceState, use *resolve.MeasureUse, filters []*resolve.Condition, extra *Cond, key string) Value {
	ms := use.Measure
	filters = with(filters, use.Filter)
	var k strings.Builder
	k.WriteString(src.Alias + "|" + ms.Name + "|" + key)
	for _, f := range filters {
		k.WriteString("|" + f.Text)
	}
	fill := use.Fill
	if fill == "" && (ms.Agg == "count" || ms.Agg == "count_distinct") {
		fill = "0"
	}
	if v, ok := b.aggs[k.String()]; ok {
		return &AggValue{Alias: v.Alias, Fill: fill}
	}
	a := &Agg{Alias: "a" + itoa(b.nextAgg), Measure: ms, Arg: project(st.main.scope.Root, ms.Expr, ms.Name)}
	b.nextAgg++
	if ms.Filter != nil {
		if c := b.cond(st, ms.Filter, true); c != nil {
			a.Conds = append(a.Conds, c)
		}
	}
	for _, f := range filters {
		if c := b.cond(st, f, false); c != nil {
			a.Conds = append(a.Conds, c)
		}
	}
	a.Conds = append(a.Conds, extra)
	src.Aggs = append(src.Aggs, a)
	v := &AggValue{Alias: a.Alias, Fill: fill}
	b.aggs[k.String()] = v
	return v
}
