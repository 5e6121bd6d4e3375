package plan

import (
	"strconv"
	"strings"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// metricValue builds a metric's arithmetic. filters are conditions its
// users add (a ratio's numerator filter, a parent metric's filter); they
// apply to every measure the metric reads.
func (b *builder) metricValue(met *resolve.Metric, filters []*resolve.Condition) Value {
	if met.Pending != "" {
		b.report(diag.NotImplemented, "metric %q cannot be computed yet: %s", met.Name, met.Pending)
		return &Const{Text: "0"}
	}
	if met.Filter != nil {
		filters = with(filters, met.Filter)
	}
	var v Value
	switch met.Type {
	case model.MetricSimple:
		v = b.measureValue(met.Measure, filters)
		b.simpleSpine(met)
	case model.MetricRatio:
		num := b.metricValue(met.Numerator.Metric, with(filters, met.Numerator.Filter))
		den := b.metricValue(met.Denominator.Metric, with(filters, met.Denominator.Filter))
		v = &Arith{Op: '/', L: num, R: den}
	case model.MetricDerived:
		v = b.derivedValue(met.Expr, filters)
	default:
		v = b.timeMetricValue(met, filters)
	}
	if met.Fill != "" {
		v = &Fill{X: v, With: met.Fill}
	}
	return v
}

func with(list []*resolve.Condition, c *resolve.Condition) []*resolve.Condition {
	if c == nil {
		return list
	}
	return append(append([]*resolve.Condition(nil), list...), c)
}

func (b *builder) derivedValue(n resolve.Node, filters []*resolve.Condition) Value {
	switch n := n.(type) {
	case *resolve.Num:
		return &Const{Text: n.Text}
	case *resolve.Neg:
		return &Neg{X: b.derivedValue(n.X, filters)}
	case *resolve.Binary:
		return &Arith{Op: n.Op, L: b.derivedValue(n.L, filters), R: b.derivedValue(n.R, filters)}
	case *resolve.Ref:
		if n.Input.Offset != nil {
			return b.offsetValue(n.Input, with(filters, n.Input.Filter))
		}
		return b.metricValue(n.Input.Metric, with(filters, n.Input.Filter))
	}
	return &Const{Text: "NULL"}
}

// measureValue adds (or reuses) the aggregate of a measure under filters.
func (b *builder) measureValue(use *resolve.MeasureUse, filters []*resolve.Condition) Value {
	ms := use.Measure
	filters = with(filters, use.Filter)
	src, st := b.sourceFor(ms)
	var key strings.Builder
	key.WriteString(src.Alias + "|" + ms.Name)
	for _, f := range filters {
		key.WriteString("|" + f.Text)
	}
	fill := use.Fill
	if fill == "" {
		fill = ms.Fill
	}
	if fill == "" && (ms.Agg == "count" || ms.Agg == "count_distinct") {
		fill = "0"
	}
	if v, ok := b.aggs[key.String()]; ok {
		return &AggValue{Alias: v.Alias, Fill: fill}
	}
	a := &Agg{Alias: "a" + strconv.Itoa(b.nextAgg), Measure: ms}
	b.nextAgg++
	a.Arg = project(st.main.scope.Root, ms.Expr, ms.Name)
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
	src.Aggs = append(src.Aggs, a)
	v := &AggValue{Alias: a.Alias, Fill: fill}
	b.aggs[key.String()] = v
	return v
}
