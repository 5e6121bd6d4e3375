package plan

import (
	"strings"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// CumulativeRows is a running aggregate evaluated on a daily spine.
//
// In aggregates the measure per local day (key metric_time__day, last) and
// per other key, over all history up to the end of the query range: the
// range limits the output rows, never the window's input. Each spine day d
// sums the days in its window: (d - Window, d] for a trailing window, from
// the start of d's ToDate period for grain-to-date, all days up to d
// otherwise. At a grain coarser than a day, PeriodAgg picks one value per
// bucket: the last day's (default), the first day's, or the average.
type CumulativeRows struct {
	In        *Plan
	Days      *Spine
	Time      int      // index of the time key in Plan.Keys, -1 without one
	Bucket    TimeSpec // the query's bucket of a day
	Window    *resolve.Interval
	ToDate    *TimeSpec
	PeriodAgg string // last | first | average
	Combine   string // the aggregate over day values: sum, min or max
}

func (*CumulativeRows) custom() {}

// cumulativeValue plans a cumulative metric.
func (b *builder) cumulativeValue(met *resolve.Metric, filters []*resolve.Condition) Value {
	c := met.Cumulative
	combine := map[string]string{"sum": "sum", "count": "sum", "sum_boolean": "sum", "min": "min", "max": "max"}[met.Measure.Measure.Agg]
	if combine == "" {
		b.report(diag.NotImplemented, "cumulative metric %q: a %s measure cannot be accumulated from daily values", met.Name, met.Measure.Measure.Agg).
			WithDetail("use a sum, count, min or max measure")
		return &Const{Text: "NULL"}
	}
	if c.Window != nil && c.Window.Fixed() && c.Window.Unit != "day" {
		b.report(diag.NotImplemented, "cumulative metric %q: window %d %ss is finer than the daily time spine", met.Name, c.Window.N, c.Window.Unit)
		return &Const{Text: "NULL"}
	}
	key, seen := b.reuse("cumulative|"+met.Name, filters)
	if seen != nil {
		return &AggValue{Alias: seen.Alias}
	}
	ti, grain := b.timeKey()
	if ti >= 0 && !b.spineGrainOK(grain, "cumulative metric "+met.Name) {
		return &Const{Text: "NULL"}
	}
	if ti < 0 {
		b.warnTimeKeyWithoutMetricTime(met)
	}
	var rng *query.TimeRange
	if b.q.TimeRange != nil && b.q.TimeRange.End != "" {
		rng = &query.TimeRange{End: b.q.TimeRange.End}
	}
	prefix := "c" + strings.TrimPrefix(b.nextAlias(), "agg")
	groupBy := append(b.otherKeys(ti), query.MetricTime+"__day")
	in := b.subPlan(prefix, groupBy, rng, func(sb *builder) (Value, string) {
		return sb.measureValue(met.Measure, filters), met.Measure.Measure.ValueType()
	})
	rows := &CumulativeRows{In: in, Time: ti, Window: c.Window, PeriodAgg: c.PeriodAgg, Combine: combine,
		Bucket: TimeSpec{Kind: resolve.Date, Grain: "day", WeekStart: b.set.weekStart, FiscalStart: b.set.fiscalStart}}
	if ti >= 0 {
		rows.Bucket.Grain = grain
	}
	if c.GrainToDate != "" {
		td := rows.Bucket
		td.Grain = c.GrainToDate
		rows.ToDate = &td
	}
	rows.Days = b.spineAt("day", nil, "")
	src := b.addCustom(rows)
	rows.Days.From, rows.Days.Col = src, "" // bounds the range leaves open come from In
	v := b.customValue(src, "")             // metricValue applies fill_nulls_with
	b.aggs[key] = v
	return v
}

// nextAlias is the alias the next source will get.
func (b *builder) nextAlias() string {
	return "agg" + itoa(len(b.plan.Sources))
}

// warnTimeKeyWithoutMetricTime warns when a cumulative metric is grouped by
// a time bucket other than metric_time: the window runs over metric_time, so
// such a key takes the value at the end of the range, not one per bucket.
func (b *builder) warnTimeKeyWithoutMetricTime(met *resolve.Metric) {
	for _, n := range b.groupBy {
		if n.Grain == "" {
			continue
		}
		b.diags.Warn(diag.InvalidQuery, queryPos, "cumulative metric %q is grouped by %s, not by metric_time: each %s value gets the total at the end of the range", met.Name, n.Text, n.Text).
			WithDetail("group by metric_time__" + n.Grain + " for one running total per " + n.Grain)
		return
	}
}
