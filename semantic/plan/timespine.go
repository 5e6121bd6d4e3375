package plan

import (
	"strconv"
	"time"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// Custom is a source whose rows come from a time spine rather than from
// one model's rows: the renderer writes each kind as its own CTE with the
// plan's key aliases and one value column per entry of Source.Aggs, so the
// merge treats it like any other source.
type Custom interface{ custom() }

// Spine is a calendar of bucket starts at one grain, generated in SQL as
// local dates: every day, week, month, quarter or year between the first
// and last bucket exists, whether or not any row falls in it.
type Spine struct {
	Time TimeSpec // the grain, week start and fiscal year start
	// First and Last are the first and last bucket starts (2006-01-02),
	// computed from the query's time range. An empty bound is taken from
	// the data: the smallest or largest value of column Col of source From.
	First, Last string
	From        *Source
	Col         string
	// Shift moves bounds taken from the data (an offset without a range).
	Shift *resolve.Interval
}

// SpineRows lists every bucket of the spine that source Data has no row
// for, so a metric joined to the time spine shows empty periods. Keys
// other than the time key come out NULL on those rows.
type SpineRows struct {
	Spine *Spine
	Time  int // index of the time key in Plan.Keys
	Data  *Source
}

func (*SpineRows) custom() {}

// Step is the SQL interval between two buckets of a grain.
func Step(grain string) string {
	switch grain {
	case "week":
		return "INTERVAL '7 days'"
	case "quarter":
		return "INTERVAL '3 months'"
	}
	return "INTERVAL '1 " + grain + "'"
}

// timeKey returns the index of the metric_time key in the plan's keys and
// its grain, or -1 when the query does not group by metric_time. Plain
// metric_time is day grain when every aggregation time is a date, and has
// no grain (local timestamps) otherwise.
func (b *builder) timeKey() (int, string) {
	for i, n := range b.groupBy {
		if n.Dim == query.MetricTime {
			g := n.Grain
			if g == "" && b.m.MetricTimeKind == resolve.Date {
				g = "day"
			}
			return i, g
		}
	}
	return -1, ""
}

// spineAt builds a spine at grain over the query's time range; bounds the
// range leaves open come from column col of source from.
func (b *builder) spineAt(grain string, from *Source, col string) *Spine {
	sp := &Spine{Time: TimeSpec{Kind: resolve.Date, Grain: grain, WeekStart: b.set.weekStart, FiscalStart: b.set.fiscalStart},
		From: from, Col: col}
	if b.set.start.set {
		sp.First = truncDate(localDate(b.set.start, b.set.loc, false), sp.Time).Format(dateLayout)
	}
	if b.set.end.set {
		sp.Last = truncDate(localDate(b.set.end, b.set.loc, true), sp.Time).Format(dateLayout)
	}
	return sp
}

// spineGrainOK reports a grain finer than a day, which the spine does not
// generate: a local hour series is ambiguous on daylight saving days.
func (b *builder) spineGrainOK(grain, what string) bool {
	if grain == "" {
		b.report(diag.InvalidQuery, "%s needs a time spine, so metric_time needs a grain", what).
			WithDetail("group by metric_time__day, metric_time__week, metric_time__month, metric_time__quarter or metric_time__year")
		return false
	}
	if query.GrainRank(grain) < query.GrainRank("day") {
		b.report(diag.NotImplemented, "%s needs a time spine at %s grain; the spine has day, week, month, quarter and year grains", what, grain)
		return false
	}
	return true
}

// joinSpine adds the empty periods of a metric that sets join_to_timespine,
// as a SpineRows source over the source that aggregates the metric.
// Without metric_time in the query there are no periods to fill.
func (b *builder) joinSpine(data *Source) {
	ti, grain := b.timeKey()
	if ti < 0 || data == nil {
		return
	}
	if grain == "" || query.GrainRank(grain) < query.GrainRank("day") {
		// The metric still computes; only its empty periods are missing.
		if text := "join_to_timespine at " + orDay(grain); !b.failed[text] {
			b.failed[text] = true
			b.diags.Warn(diag.NotImplemented, queryPos, "empty periods are not filled at %s grain: the time spine has day, week, month, quarter and year grains", orDay(grain)).
				WithDetail("group by metric_time__day or a coarser grain to see periods without rows")
		}
		return
	}
	for _, s := range b.plan.Sources {
		if rows, ok := s.Custom.(*SpineRows); ok && rows.Data == data {
			return
		}
	}
	rows := &SpineRows{Spine: b.spineAt(grain, data, b.plan.Keys[ti].Alias), Time: ti, Data: data}
	b.addCustom(rows)
}

// addCustom appends a custom source and returns it.
func (b *builder) addCustom(c Custom) *Source {
	src := &Source{Alias: "agg" + strconv.Itoa(len(b.plan.Sources)), Custom: c}
	b.plan.Sources = append(b.plan.Sources, src)
	return src
}

// customValue adds a value column to a custom source.
func (b *builder) customValue(src *Source, fill string) *AggValue {
	a := &Agg{Alias: "a" + strconv.Itoa(b.nextAgg)}
	b.nextAgg++
	src.Aggs = append(src.Aggs, a)
	return &AggValue{Alias: a.Alias, Fill: fill}
}

const dateLayout = "2006-01-02"

// localDate is the local calendar date of a range bound. An end bound is
// exclusive, so its last day is the day before the instant it names.
func localDate(bd bound, loc *time.Location, end bool) time.Time {
	t := bd.t
	if end {
		t = t.Add(-time.Nanosecond)
	}
	if bd.zoned {
		t = t.In(loc)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// truncDate is the start of the bucket holding date d, with the same week
// start and fiscal year rules as the SQL buckets.
func truncDate(d time.Time, t TimeSpec) time.Time {
	switch t.Grain {
	case "week":
		wd := (int(d.Weekday()) + 6) % 7 // Monday 0
		return d.AddDate(0, 0, -((wd-t.WeekStart)+7)%7)
	case "month":
		return d.AddDate(0, 0, 1-d.Day())
	case "quarter", "year":
		fs := t.FiscalStart
		if fs < 1 {
			fs = 1
		}
		into := (int(d.Month()) - fs + 12) % 12
		if t.Grain == "quarter" {
			into %= 3
		}
		first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
		return first.AddDate(0, -into, 0)
	}
	return d
}

// shiftDate moves a date by an interval of days, months or years. Month
// and year shifts start from the first of the month, so the result never
// overflows into the next month (31 March less a month is in February).
// Callers use it for lower bounds, where an earlier date is safe.
func shiftDate(d time.Time, iv resolve.Interval, sign int) time.Time {
	first := d.AddDate(0, 0, 1-d.Day())
	switch iv.Unit {
	case "month":
		return first.AddDate(0, sign*iv.N, 0)
	case "year":
		return first.AddDate(sign*iv.N, 0, 0)
	case "day":
		return d.AddDate(0, 0, sign*iv.N)
	}
	return d
}

// orDay names a grain for messages; plain metric_time has none.
func orDay(grain string) string {
	if grain == "" {
		return "no"
	}
	return grain
}

// SpineSteps returns the number of steps from the first to the last bucket
// of a spine whose bounds both come from the query range.
func SpineSteps(sp *Spine) (int, bool) {
	if sp.First == "" || sp.Last == "" || sp.Shift != nil {
		return 0, false
	}
	first, err1 := time.Parse(dateLayout, sp.First)
	last, err2 := time.Parse(dateLayout, sp.Last)
	if err1 != nil || err2 != nil || last.Before(first) {
		return 0, false
	}
	months := (last.Year()-first.Year())*12 + int(last.Month()-first.Month())
	switch sp.Time.Grain {
	case "day":
		return int(last.Sub(first).Hours()/24 + 0.5), true
	case "week":
		return int(last.Sub(first).Hours()/24+0.5) / 7, true
	case "month":
		return months, true
	case "quarter":
		return months / 3, true
	case "year":
		return months / 12, true
	}
	return 0, false
}
