package plan

import (
	"strings"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// OffsetRows reads a metric at another period: each bucket s of the spine
// (the query's buckets) takes In's value of the bucket that holds
// s - Shift, or of the start of s's ToGrain period. Whole buckets shift, so
// the month before April is all of March, 31st included. A period with no
// row in In has no row here either, so the input's fill_nulls_with applies.
type OffsetRows struct {
	In      *Plan
	Spine   *Spine
	Time    int      // index of the time key in Plan.Keys
	Bucket  TimeSpec // the query's bucket
	Shift   *resolve.Interval
	ToGrain *TimeSpec
}

func (*OffsetRows) custom() {}

// offsetValue plans a derived metric's input read at another period.
func (b *builder) offsetValue(use *resolve.MetricUse, filters []*resolve.Condition) Value {
	ti, grain := b.timeKey()
	if ti < 0 {
		b.report(diag.InvalidQuery, "input %q has a period offset, so the query must group by metric_time", use.Name).
			WithDetail("add metric_time__month (or another grain) to group_by")
		return &Const{Text: "NULL"}
	}
	if !b.spineGrainOK(grain, "offset input "+use.Name) {
		return &Const{Text: "NULL"}
	}
	off := use.Offset
	met := use.Metric
	shift := ""
	if off.Window != nil {
		shift = off.Window.SQL()
	}
	key, seen := b.reuse("offset|"+met.Name+"|"+shift+"|"+off.ToGrain, filters)
	if seen != nil {
		return &AggValue{Alias: seen.Alias, Fill: seen.Fill}
	}
	rows := &OffsetRows{Time: ti, Shift: off.Window,
		Bucket: TimeSpec{Kind: resolve.Date, Grain: grain, WeekStart: b.set.weekStart, FiscalStart: b.set.fiscalStart}}
	if off.ToGrain != "" {
		tg := rows.Bucket
		tg.Grain = off.ToGrain
		rows.ToGrain = &tg
	}
	prefix := "o" + strings.TrimPrefix(b.nextAlias(), "agg")
	rows.In = b.subPlan(prefix, b.textKeys(), b.offsetRange(rows), func(sb *builder) (Value, string) {
		return sb.metricValue(met, filters), met.ValueType()
	})
	src := b.addCustom(rows)
	rows.Spine = b.spineAt(grain, src, "")
	if off.Window != nil {
		rows.Spine.Shift = off.Window
	}
	v := b.customValue(src, met.Fill)
	b.aggs[key] = v
	return v
}

// textKeys lists the query's group-by names in order.
func (b *builder) textKeys() []string {
	out := make([]string, len(b.groupBy))
	for i, n := range b.groupBy {
		out[i] = n.Text
	}
	return out
}

// offsetRange is the input's time range: from the first shifted bucket to
// the query's end. Without a start the input reads all history.
func (b *builder) offsetRange(rows *OffsetRows) *query.TimeRange {
	if b.q.TimeRange == nil {
		return nil
	}
	rng := &query.TimeRange{End: b.q.TimeRange.End}
	if b.set.start.set {
		first := truncDate(localDate(b.set.start, b.set.loc, false), rows.Bucket)
		if rows.Shift != nil {
			first = shiftDate(first, *rows.Shift, -1)
		}
		if rows.ToGrain != nil {
			first = truncDate(first, *rows.ToGrain)
		}
		first = truncDate(first, rows.Bucket)
		rng.Start = first.Format(dateLayout)
	}
	return rng
}
