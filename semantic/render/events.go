package render

import (
	"github.com/metricsd/metricsd/semantic/plan"
)

// converts writes a conversion condition as EXISTS over the conversion
// model: same entity, at or after the base event and at most the window
// later, equal constant properties, and the conversion measure's filter.
func (r *renderer) converts(c *plan.Conversion) {
	r.w("EXISTS (SELECT 1 FROM ")
	r.scope(c.Scope, "    ")
	r.w("    WHERE ")
	r.ref(c.Entity)
	r.w(" = ")
	r.ref(c.OuterEntity)
	r.w(" AND ")
	r.ref(c.Time)
	r.w(" >= ")
	r.ref(c.OuterTime)
	r.w(" AND ")
	r.ref(c.Time)
	r.w(" <= ")
	r.ref(c.OuterTime)
	r.w(" + " + c.Window.SQL())
	for _, p := range c.Props {
		r.w(" AND ")
		r.ref(p.Inner)
		r.w(" = ")
		r.ref(p.Outer)
	}
	if c.Filter != nil {
		r.w(" AND ")
		r.cond(c.Filter)
	}
	r.w(")")
}

// lag writes a time-to-event statistic. The lag of a row is the epoch
// seconds of its entity's earliest end event minus those of its start, as
// a double; it is NULL when the entity has no end event.
func (r *renderer) lag(a *plan.Agg) {
	l := a.Lag
	dbl := r.d.Double()
	lag := r.capture(func() {
		r.w("(CAST(extract(epoch FROM (SELECT min(")
		r.ref(l.EndTime)
		r.w(") FROM ")
		r.relation(l.End)
		r.w(" WHERE ")
		r.ref(l.EndEnt)
		r.w(" = ")
		r.ref(l.StartEnt)
		r.w(")) AS " + dbl + ") - CAST(extract(epoch FROM ")
		r.ref(l.Start)
		r.w(") AS " + dbl + "))")
	})
	when := ""
	if len(a.Conds) > 0 {
		when = r.capture(func() { r.conds(a.Conds) })
	}
	if l.Statistic == "within_sla" {
		cond := lag + " <= " + l.SLASeconds
		all := "1"
		if when != "" {
			cond = when + " AND " + cond
			all = "CASE WHEN " + when + " THEN 1 ELSE 0 END"
		}
		r.w("(CAST(sum(CASE WHEN " + cond + " THEN 1 ELSE 0 END) AS " + dbl + ") / NULLIF(sum(" + all + "), 0))")
		return
	}
	if when != "" {
		lag = "CASE WHEN " + when + " THEN " + lag + " END"
	}
	r.w(r.d.Percentile(l.Percentile, lag))
}
