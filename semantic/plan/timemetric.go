package plan

import (
	"strings"

	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// timeMetricValue plans the metric types that need the time spine or
// events matched per entity; nil for the other types.
func (b *builder) timeMetricValue(met *resolve.Metric, filters []*resolve.Condition) Value {
	switch {
	case met.Cumulative != nil:
		return b.cumulativeValue(met, filters)
	case met.Conversion != nil:
		return b.conversionValue(met, filters)
	case met.TimeToEvent != nil:
		return b.timeToEventValue(met, filters)
	}
	return nil
}

// spineRequested reports whether a simple metric sets join_to_timespine,
// on the metric or on its measure input.
func spineRequested(met *resolve.Metric) bool {
	def := met.Def
	return met.Type == model.MetricSimple && (def.JoinToTimespine || def.Measure != nil && def.Measure.JoinToTimespine)
}

// simpleSpine adds the empty periods of a simple metric that sets
// join_to_timespine.
func (b *builder) simpleSpine(met *resolve.Metric) {
	if spineRequested(met) && met.Measure != nil {
		src, _ := b.sourceFor(met.Measure.Measure)
		b.joinSpine(src)
	}
}

// reuse extends key with the filters' text and returns the value already
// planned under it, so a metric read twice (an offset input named twice in
// one expression, say) is computed once. Callers store a new value in
// b.aggs under the returned key.
func (b *builder) reuse(key string, filters []*resolve.Condition) (string, *AggValue) {
	var k strings.Builder
	k.WriteString(key)
	for _, f := range filters {
		k.WriteString("|" + f.Text)
	}
	return k.String(), b.aggs[k.String()]
}
