package render

import (
	"strings"

	"github.com/metricsd/metricsd/semantic/plan"
)

// cumulative writes a running aggregate: each spine day combines the
// input's days inside its window (a sum over no days is 0), then one value
// per query bucket is picked (the last or first day by row_number) or
// averaged.
func (r *renderer) cumulative(s *plan.Source, c *plan.CumulativeRows) {
	avg := c.PeriodAgg == "average"
	var others []string
	r.w("  SELECT ")
	for i, k := range r.p.Keys {
		if i > 0 {
			r.w(", ")
		}
		if i == c.Time {
			r.w("c.b")
		} else {
			others = append(others, k.Name)
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

	r.w("\n  FROM ")
	r.cumulativeDays(s, c, others)
	r.w(" AS c\n")

	switch {
	case avg && len(r.p.Keys) > 0:
		r.w("  GROUP BY ")
		r.ordinals(len(r.p.Keys))
		r.w("\n")
	case !avg:
		r.w("  WHERE c.rn = 1\n")
	}
}

// cumulativeDays writes the daily running values: one row per spine day
// and group with its bucket b, its value v and, unless the period
// aggregate is average, its rank rn within the bucket (1 for the day
// period_agg picks).
func (r *renderer) cumulativeDays(s *plan.Source, c *plan.CumulativeRows, others []string) {
	bucket := r.capture(func() { r.bucket("CAST(s.d AS TIMESTAMP)", &c.Bucket) })
	r.w("(SELECT s.d AS d, " + bucket + " AS b")
	for _, o := range others {
		r.w(", kv.")
		r.ident(o)
		r.as(o)
	}
	if c.Combine == "sum" {
		r.w(", coalesce(sum(x.v), 0) AS v") // an empty window sums to 0
	} else {
		r.w(", " + c.Combine + "(x.v) AS v")
	}
	if c.PeriodAgg != "average" {
		r.rank(c, bucket, others)
	}

	r.w("\n    FROM ")
	r.spine(c.Days)
	r.w(" AS s\n")
	if len(others) > 0 {
		r.groupValues(s.Alias+"_in", others)
	}
	r.windowJoin(s, c, others)

	r.w("\n    GROUP BY s.d")
	for _, o := range others {
		r.w(", kv.")
		r.ident(o)
	}
	r.w(")")
}

// rank numbers the days of each bucket and group from the day period_agg
// picks: the last day first, or the first day for period_agg first.
func (r *renderer) rank(c *plan.CumulativeRows, bucket string, others []string) {
	var parts []string
	if c.Time >= 0 {
		parts = append(parts, bucket)
	}
	for _, o := range others {
		parts = append(parts, "kv."+r.d.Quote(o))
	}
	r.w(",\n      row_number() OVER (")
	if len(parts) > 0 {
		r.w("PARTITION BY " + strings.Join(parts, ", ") + " ")
	}
	r.w("ORDER BY s.d")
	if c.PeriodAgg != "first" {
		r.w(" DESC")
	}
	r.w(") AS rn")
}

// windowJoin joins each spine day to the input days inside its window, in
// the same group.
func (r *renderer) windowJoin(s *plan.Source, c *plan.CumulativeRows, others []string) {
	day := c.In.Keys[len(c.In.Keys)-1].Name
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
