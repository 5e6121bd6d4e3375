package render

import (
	"github.com/metricsd/metricsd/semantic/plan"
)

// cumulative writes a running aggregate: each spine day combines the
// input's days inside its window (a sum over no days is 0), then one value
// per query bucket is picked (the last or first day by row_number) or
// averaged.
func (r *renderer) cumulative(s *plan.Source, c *plan.CumulativeRows) {
	day := c.In.Keys[len(c.In.Keys)-1].Name
	bucket := r.capture(func() { r.bucket("CAST(s.d AS TIMESTAMP)", &c.Bucket) })
	avg := c.PeriodAgg == "average"
	r.w("  SELECT ")
	for i, k := range r.p.Keys {
		if i > 0 {
			r.w(", ")
		}
		if i == c.Time {
			r.w("c.b")
		} else {
			r.w("c.")
			r.ident(k.Name)
		}
		r.as(k.Alias)
	}
	for _, a := range s.Aggs {
		if len(r.p.Keys) > 0 {
			r.w(", ")
		}
		if avg {
			r.w("avg(c.v)")
		} else {
			r.w("c.v")
		}
		r.as(a.Alias)
	}
	r.w("\n  FROM (SELECT s.d AS d, " + bucket + " AS b")
	var others []string
	for i, k := range r.p.Keys {
		if i != c.Time {
			others = append(others, k.Name)
			r.w(", kv.")
			r.ident(k.Name)
			r.as(k.Name)
		}
	}
	if c.Combine == "sum" {
		r.w(", coalesce(sum(x.v), 0) AS v") // an empty window sums to 0
	} else {
		r.w(", " + c.Combine + "(x.v) AS v")
	}
	if !avg {
		r.w(",\n      row_number() OVER (")
		part := " "
		if c.Time >= 0 {
			r.w("PARTITION BY " + bucket)
			part = ", "
		}
		for i, o := range others {
			if i == 0 && c.Time < 0 {
				part = "PARTITION BY "
			}
			r.w(part + "kv.")
			r.ident(o)
			part = ", "
		}
		r.w(" ORDER BY s.d")
		if c.PeriodAgg != "first" {
			r.w(" DESC")
		}
		r.w(") AS rn")
	}
	r.w("\n    FROM ")
	r.spine(c.Days)
	r.w(" AS s\n")
	if len(others) > 0 {
		r.groupValues(s.Alias+"_in", others)
	}
	r.w("    LEFT JOIN ")
	r.ident(s.Alias + "_in")
	r.w(" AS x ON x.")
	r.ident(day)
	r.w(" <= s.d")
	for _, o := range others {
		r.w(" AND x.")
		r.ident(o)
		r.w(" IS NOT DISTINCT FROM kv.")
		r.ident(o)
	}
	switch {
	case c.Window != nil:
		r.w(" AND x.")
		r.ident(day)
		r.w(" > CAST(s.d AS TIMESTAMP) - " + c.Window.SQL())
	case c.ToDate != nil:
		r.w(" AND x.")
		r.ident(day)
		r.w(" >= ")
		r.bucket("CAST(s.d AS TIMESTAMP)", c.ToDate)
	}
	r.w("\n    GROUP BY s.d")
	for _, o := range others {
		r.w(", kv.")
		r.ident(o)
	}
	r.w(") AS c\n")
	switch {
	case avg && len(r.p.Keys) > 0:
		r.w("  GROUP BY ")
		r.ordinals(len(r.p.Keys))
		r.w("\n")
	case !avg:
		r.w("  WHERE c.rn = 1\n")
	}
}

// groupValues cross joins the spine with every combination of the other
// keys found in the input, so each group has a value on every day, 0 for
// an empty window, instead of a missing row.
func (r *renderer) groupValues(in string, keys []string) {
	r.w("    CROSS JOIN (SELECT DISTINCT ")
	for i, k := range keys {
		if i > 0 {
			r.w(", ")
		}
		r.ident(k)
	}
	r.w(" FROM ")
	r.ident(in)
	r.w(") AS kv\n")
}
