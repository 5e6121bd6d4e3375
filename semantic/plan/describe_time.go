package plan

import "strings"

// describeCustom writes a time-spine source for people.
func describeCustom(b *strings.Builder, s *Source) {
	switch c := s.Custom.(type) {
	case *SpineRows:
		line(b, s.Alias, ": every ", c.Spine.Time.Grain, " of the time spine ", spineRange(c.Spine), " that ", c.Data.Alias, " has no row for")
	case *CumulativeRows:
		window := "all time"
		switch {
		case c.Window != nil:
			window = "trailing " + c.Window.SQL()
		case c.ToDate != nil:
			window = c.ToDate.Grain + " to date"
		}
		line(b, s.Alias, ": cumulative ", c.Combine, " over ", window, " on a daily spine ", spineRange(c.Days),
			", ", c.PeriodAgg, " day per ", c.Bucket.Grain)
		describeInput(b, c.In)
	case *OffsetRows:
		shift := ""
		if c.Shift != nil {
			shift = " shifted back " + c.Shift.SQL()
		}
		if c.ToGrain != nil {
			shift += " to the start of its " + c.ToGrain.Grain
		}
		line(b, s.Alias, ": each ", c.Bucket.Grain, " of the time spine ", spineRange(c.Spine), " reads its input", shift)
		describeInput(b, c.In)
	}
	for _, a := range s.Aggs {
		line(b, "  ", a.Alias, " = value")
	}
}

func spineRange(sp *Spine) string {
	first, last := sp.First, sp.Last
	if first == "" {
		first = "(first in data)"
	}
	if last == "" {
		last = "(last in data)"
	}
	return first + ".." + last
}

// describeInput indents the description of a sub-plan.
func describeInput(b *strings.Builder, in *Plan) {
	for _, l := range strings.Split(strings.TrimSuffix(in.Describe(), "\n"), "\n") {
		line(b, "  | ", l)
	}
}

// describeLag writes a time-to-event aggregate.
func describeLag(b *strings.Builder, a *Agg) {
	l := a.Lag
	stat := l.Statistic + " " + l.Percentile
	if l.Statistic == "within_sla" {
		stat = "share within " + l.SLASeconds + "s"
	}
	b.WriteString("  " + a.Alias + " = " + stat + " of seconds from " + l.Start.Rel + "." + l.Start.Col +
		" to " + l.End.Rel + "." + l.End.Col)
	for _, c := range a.Conds {
		b.WriteString(" if " + describeCond(c))
	}
	b.WriteByte('\n')
}
