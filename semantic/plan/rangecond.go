package plan

import (
	"time"

	"github.com/metricsd/metricsd/semantic/resolve"
)

// rangeCond limits a time column to the query's range. Bounds are computed
// here rather than in SQL so they are exact across DST changes: local
// midnight becomes the UTC instant it was on that day.
func (b *builder) rangeCond(col ColRef, kind resolve.TimeKind) *Cond {
	s := b.set
	r := &Range{Col: col, Kind: kind}
	if s.start.set {
		r.Start = formatBound(s.start.t, kind, s.loc)
	}
	if s.end.set {
		r.End = formatBound(s.end.t, kind, s.loc)
	}
	return &Cond{Text: "time range", Range: r}
}

// formatBound writes a bound as the column compares it: a local date for
// date columns (an end that is not a midnight keeps its partial day), a UTC
// timestamp for timestamps without zone, and a timestamp with explicit +00
// offset for zone-aware columns.
func formatBound(t time.Time, kind resolve.TimeKind, loc *time.Location) string {
	switch kind {
	case resolve.Date:
		l := t.In(loc)
		d := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
		if !l.Equal(time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, loc)) {
			d = d.AddDate(0, 0, 1)
		}
		return d.Format("2006-01-02")
	case resolve.TimestampTZ, resolve.AnyTimestamp:
		return t.UTC().Format("2006-01-02 15:04:05.999999") + "+00"
	}
	return t.UTC().Format("2006-01-02 15:04:05.999999")
}
