package render

import (
	"strings"

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
	for _, f := range c.Filters {
		r.w(" AND ")
		r.cond(f)
	}
	r.w(")")
}

// lag writes a time-to-event statistic. The lag of a row is the epoch
// seconds of its entity's earliest end event minus those of its start, as
// a double. It is NULL when the entity has no end event, because the
// earliest-end relation is LEFT JOINed.
func (r *renderer) lag(a *plan.Agg) {
	l := a.Lag
	dbl := r.d.Double()
	lag := r.capture(func() {
		r.w("(CAST(extract(epoch FROM ")
		r.instant(l.End, l.EndDate)
		r.w(") AS " + dbl + ") - CAST(extract(epoch FROM ")
		r.instant(l.Start, l.StartDate)
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

// instant writes a time column for epoch arithmetic: a date becomes the
// timestamp of its midnight.
func (r *renderer) instant(c plan.ColRef, date bool) {
	if !date {
		r.ref(c)
		return
	}
	r.w("CAST(")
	r.ref(c)
	r.w(" AS TIMESTAMP)")
}

// earliest writes a relation reduced to the earliest time per entity value.
func (r *renderer) earliest(rel *plan.Relation) {
	e := rel.Earliest
	r.w("(SELECT ")
	r.expr(e.Entity.Expr)
	r.as(e.Entity.Alias)
	r.w(", min(")
	r.expr(e.Time.Expr)
	r.w(")")
	r.as(e.Time.Alias)
	r.w(" FROM ")
	table, sql := rel.Table.Relation()
	if table != "" {
		r.tableName(table)
	} else {
		r.w("(" + strings.TrimSpace(sql) + ")")
		r.as("src")
	}
	r.w(" GROUP BY 1)")
	r.as(rel.Alias)
}
