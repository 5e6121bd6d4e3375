package render

import (
	"github.com/metricsd/metricsd/semantic/plan"
)

// aggregate writes one measure's aggregate. Filters go inside as CASE WHEN,
// so measures with different filters share one scan and a group whose rows
// all fail a filter still exists (with a count of 0).
func (r *renderer) aggregate(a *plan.Agg) {
	if a.Lag != nil {
		r.lag(a)
		return
	}
	arg := func() {
		if len(a.Conds) == 0 {
			r.ref(a.Arg)
			return
		}
		r.w("CASE WHEN ")
		r.conds(a.Conds)
		r.w(" THEN ")
		r.ref(a.Arg)
		r.w(" END")
	}
	ms := a.Measure
	switch ms.Agg {
	case "sum", "avg", "min", "max", "count":
		r.w(ms.Agg + "(")
		arg()
		r.w(")")
	case "count_distinct":
		r.w("count(DISTINCT ")
		arg()
		r.w(")")
	case "median", "percentile":
		p := r.capture(func() { r.number(ms.Percentile) })
		r.w(r.d.Percentile(p, r.capture(arg)))
	case "sum_boolean":
		r.w("sum(CASE WHEN ")
		if len(a.Conds) > 0 {
			r.conds(a.Conds)
			r.w(" AND ")
		}
		r.ref(a.Arg)
		r.w(" THEN 1 ELSE 0 END)")
	default:
		r.fail("measure %q: aggregation %q has no SQL", ms.Name, ms.Agg)
	}
}

func (r *renderer) conds(cs []*plan.Cond) {
	for i, c := range cs {
		if i > 0 {
			r.w(" AND ")
		}
		r.cond(c)
	}
}
