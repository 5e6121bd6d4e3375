package render

import (
	"strconv"

	"github.com/metricsd/metricsd/semantic/plan"
)

// custom writes a source computed from a time spine: its input sub-plan as
// a CTE of its own (named after the source, suffixed _in), then the source.
func (r *renderer) custom(s *plan.Source) {
	var in *plan.Plan
	switch c := s.Custom.(type) {
	case *plan.CumulativeRows:
		in = c.In
	case *plan.OffsetRows:
		in = c.In
	}
	if in != nil {
		r.ident(s.Alias + "_in")
		r.w(" AS (\n")
		sub := &renderer{d: r.d, p: in, b: r.b, st: r.st}
		sub.statement()
		r.w("), ")
	}
	r.ident(s.Alias)
	r.w(" AS (\n")
	switch c := s.Custom.(type) {
	case *plan.SpineRows:
		r.spineRows(s, c)
	case *plan.CumulativeRows:
		r.cumulative(s, c)
	case *plan.OffsetRows:
		r.offsetRows(s, c)
	default:
		r.fail("render: unknown custom source %T", c)
	}
	r.w(")")
}

// spine writes the calendar as a derived table with one DATE column d.
// The series runs over local wall-clock timestamps, so a daylight saving
// day is still one day.
func (r *renderer) spine(sp *plan.Spine) {
	if n, ok := plan.SpineSteps(sp); ok {
		// A known number of buckets lets PostgreSQL estimate the spine's
		// rows exactly; with its default estimate of 1000 rows, a small
		// query can look costly enough to spend seconds in JIT compilation.
		r.w("(SELECT CAST(CAST(" + r.bind(sp.First) + " AS TIMESTAMP) + g.i * " + plan.Step(sp.Time.Grain) +
			" AS DATE) AS d FROM generate_series(0, " + strconv.Itoa(n) + ") AS g(i))")
		return
	}
	lo, hi := r.spineBound(sp, sp.First, "min"), r.spineBound(sp, sp.Last, "max")
	series := "generate_series(" + lo + ", " + hi + ", " + plan.Step(sp.Time.Grain) + ")"
	if r.d.Name() == "duckdb" {
		series = "unnest(" + series + ")"
	}
	r.w("(SELECT CAST(g.d AS DATE) AS d FROM (SELECT " + series + " AS d) AS g)")
}

// spineBound is a bound from the query range (bound as a parameter) or,
// when the range leaves it open, the smallest or largest bucket of the
// spine's data.
func (r *renderer) spineBound(sp *plan.Spine, date, agg string) string {
	if date != "" {
		return "CAST(" + r.bind(date) + " AS TIMESTAMP)"
	}
	cte, col := r.spineData(sp)
	x := "CAST((SELECT " + agg + "(" + r.d.Quote(col) + ") FROM " + r.d.Quote(cte) + ") AS TIMESTAMP)"
	if sp.Shift != nil {
		x = "(" + x + " + " + sp.Shift.SQL() + ")"
	}
	return x
}

// spineData names the CTE and column a spine takes open bounds from.
func (r *renderer) spineData(sp *plan.Spine) (cte, col string) {
	switch c := sp.From.Custom.(type) {
	case *plan.CumulativeRows:
		return sp.From.Alias + "_in", c.In.Keys[len(c.In.Keys)-1].Name
	case *plan.OffsetRows:
		return sp.From.Alias + "_in", c.In.Keys[c.Time].Name
	}
	return sp.From.Alias, sp.Col
}

// spineRows lists the buckets the data source has no row for; the other
// keys come out NULL with the data's column types.
func (r *renderer) spineRows(s *plan.Source, c *plan.SpineRows) {
	time := r.p.Keys[c.Time].Alias
	r.w("  SELECT ")
	for i, k := range r.p.Keys {
		if i > 0 {
			r.w(", ")
		}
		if i == c.Time {
			r.w("s.d")
		} else {
			r.w("x.")
			r.ident(k.Alias)
		}
		r.as(k.Alias)
	}
	r.w("\n  FROM ")
	r.spine(c.Spine)
	r.w(" AS s\n  LEFT JOIN ")
	r.ident(c.Data.Alias)
	r.w(" AS x ON x.")
	r.ident(time)
	r.w(" = s.d\n  WHERE x.")
	r.ident(time)
	r.w(" IS NULL\n")
}

// offsetRows gives each bucket of the spine the input's value of the
// bucket that holds the shifted date.
func (r *renderer) offsetRows(s *plan.Source, c *plan.OffsetRows) {
	r.w("  SELECT ")
	for i, k := range r.p.Keys {
		if i > 0 {
			r.w(", ")
		}
		if i == c.Time {
			r.w("s.d")
		} else {
			r.w("x.")
			r.ident(c.In.Keys[i].Name)
		}
		r.as(k.Alias)
	}
	for _, a := range s.Aggs {
		r.w(", x.")
		r.ident("v")
		r.as(a.Alias)
	}
	r.w("\n  FROM ")
	r.spine(c.Spine)
	r.w(" AS s\n  JOIN ")
	r.ident(s.Alias + "_in")
	r.w(" AS x ON x.")
	r.ident(c.In.Keys[c.Time].Name)
	r.w(" = ")
	target := "CAST(s.d AS TIMESTAMP)"
	if c.Shift != nil {
		target = "(" + target + " - " + c.Shift.SQL() + ")"
	}
	if c.ToGrain != nil {
		target = "CAST(" + r.capture(func() { r.bucket(target, c.ToGrain) }) + " AS TIMESTAMP)"
	}
	r.bucket(target, &c.Bucket)
	r.w("\n")
}

// subPlans lists the plans a custom source reads its input from.
func subPlans(s *plan.Source) []*plan.Plan {
	switch c := s.Custom.(type) {
	case *plan.CumulativeRows:
		return []*plan.Plan{c.In}
	case *plan.OffsetRows:
		return []*plan.Plan{c.In}
	}
	return nil
}

// usesPercentile reports whether an aggregate is a continuous percentile.
func usesPercentile(a *plan.Agg) bool {
	if a.Lag != nil {
		return a.Lag.Statistic == "percentile"
	}
	return a.Measure != nil && (a.Measure.Agg == "median" || a.Measure.Agg == "percentile")
}
