package render

import (
	"strings"

	"github.com/metricsd/metricsd/semantic/plan"
)

// aggregate writes one measure's aggregate. Filters go inside as CASE WHEN,
// so measures with different filters share one scan and a group whose rows
// all fail a filter still exists (with a count of 0).
func (r *renderer) aggregate(a *plan.Agg) string {
	x := r.ref(a.Arg)
	var conds []string
	for _, c := range a.Conds {
		conds = append(conds, r.cond(c))
	}
	when := strings.Join(conds, " AND ")
	guard := func(x string) string {
		if when == "" {
			return x
		}
		return "CASE WHEN " + when + " THEN " + x + " END"
	}
	ms := a.Measure
	switch ms.Agg {
	case "sum", "avg", "min", "max", "count":
		return ms.Agg + "(" + guard(x) + ")"
	case "count_distinct":
		return "count(DISTINCT " + guard(x) + ")"
	case "median", "percentile":
		return r.d.Percentile(r.number(ms.Percentile), guard(x))
	case "sum_boolean":
		test := x
		if when != "" {
			test = when + " AND " + x
		}
		return "sum(CASE WHEN " + test + " THEN 1 ELSE 0 END)"
	}
	r.fail("measure %q: aggregation %q has no SQL", ms.Name, ms.Agg)
	return ""
}
