package validate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

func init() { register("metric parameters", checkMetricParams) }

// typeParams lists the type-specific keys each metric type takes. Keys that
// every type takes (name, version, label, filter, ...) are not listed.
var typeParams = map[string][]string{
	model.MetricSimple:      {"measure"},
	model.MetricRatio:       {"numerator", "denominator"},
	model.MetricDerived:     {"expr", "metrics"},
	model.MetricCumulative:  {"measure", "window", "grain_to_date", "period_agg"},
	model.MetricConversion:  {"entity", "base_measure", "conversion_measure", "conversion_window", "calculation", "constant_properties"},
	model.MetricTimeToEvent: {"entity", "start", "end", "statistic", "sla"},
}

// allTypeParams is the union of typeParams, sorted.
var allTypeParams = func() []string {
	set := map[string]bool{}
	for _, keys := range typeParams {
		for _, k := range keys {
			set[k] = true
		}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}()

// checkMetricParams checks the metric type and the parameters that come
// with it. A parameter of another type is an error rather than a warning:
// the engine would ignore it, so the metric would not compute what its
// author wrote (a window on a simple metric, say).
func checkMetricParams(ix *index, diags *diag.List) {
	for _, m := range ix.set.Metrics {
		if m.Type == "" {
			continue
		}
		if !oneOf(diags, m.Fields.At("type", m.Pos), "metric type", m.Type, model.MetricTypes) {
			continue
		}
		checkForeignParams(diags, m)
		checkFillNulls(diags, m.Fields.At("fill_nulls_with", m.Pos), m.FillNullsWith)
		switch m.Type {
		case model.MetricSimple:
			need(diags, m, "measure", m.Measure != nil)
		case model.MetricRatio:
			need(diags, m, "numerator", m.Numerator != nil)
			need(diags, m, "denominator", m.Denominator != nil)
		case model.MetricDerived:
			checkDerived(ix, diags, m)
		case model.MetricCumulative:
			checkCumulative(diags, m)
			needAggTime(ix, diags, m, m.Measure)
		case model.MetricConversion:
			checkConversion(ix, diags, m)
			needAggTime(ix, diags, m, m.BaseMeasure)
			needAggTime(ix, diags, m, m.ConversionMeasure)
		case model.MetricTimeToEvent:
			checkTimeToEvent(ix, diags, m)
		}
		checkInputSettings(diags, m)
	}
}

// checkForeignParams reports type-specific keys that belong to another type.
func checkForeignParams(diags *diag.List, m *model.Metric) {
	own := map[string]bool{}
	for _, k := range typeParams[m.Type] {
		own[k] = true
	}
	for _, k := range allTypeParams {
		pos, written := m.Fields[k]
		if !written || own[k] {
			continue
		}
		diags.Add(diag.InvalidParameter, pos, "%s metric %q does not take %s", m.Type, m.Name, k).
			WithDetail(fmt.Sprintf("%s metrics take: %s", m.Type, strings.Join(typeParams[m.Type], ", ")))
	}
}

// need reports a missing type-specific parameter.
func need(diags *diag.List, m *model.Metric, key string, present bool) {
	if !present {
		diags.Add(diag.MissingParameter, m.Pos, "%s metric %q needs %s", m.Type, m.Name, key)
	}
}

func checkCumulative(diags *diag.List, m *model.Metric) {
	need(diags, m, "measure", m.Measure != nil)
	if m.Window != "" && m.GrainToDate != "" {
		diags.Add(diag.InvalidParameter, m.Fields.At("grain_to_date", m.Pos), "cumulative metric %q has both window and grain_to_date", m.Name).
			WithDetail("a cumulative metric sums over a trailing window or from the start of a grain period, not both; without either it sums over all time")
	}
	oneOf(diags, m.Fields.At("period_agg", m.Pos), "period_agg", m.PeriodAgg, []string{"first", "last", "average"})
}

// checkInputSettings checks the settings on metric inputs. Ratio inputs
// take only a name and a filter. Derived inputs may also take an alias and
// one offset.
func checkInputSettings(diags *diag.List, m *model.Metric) {
	for _, in := range []*model.MetricInput{m.Numerator, m.Denominator} {
		if in == nil {
			continue
		}
		for _, k := range []string{"alias", "offset_window", "offset_to_grain"} {
			if pos, ok := in.Fields[k]; ok {
				diags.Add(diag.InvalidParameter, pos, "ratio input %q does not take %s", in.Name, k).
					WithDetail("aliases and offsets belong to derived metric inputs; wrap the offset metric in a derived metric")
			}
		}
	}
	for _, in := range m.Metrics {
		if in.OffsetWindow != "" && in.OffsetToGrain != "" {
			diags.Add(diag.InvalidParameter, in.Fields.At("offset_to_grain", in.Pos), "metric input %q has both offset_window and offset_to_grain", in.Name).
				WithDetail("an input is shifted by a window or to the start of a grain period, not both")
		}
	}
	for _, in := range measureInputs(m) {
		checkFillNulls(diags, in.Fields.At("fill_nulls_with", in.Pos), in.FillNullsWith)
	}
}

// checkFillNulls requires fill_nulls_with to be a number; it replaces a
// missing aggregate, so text would change the column's type.
func checkFillNulls(diags *diag.List, pos diag.Pos, v *string) {
	if v == nil || isNumber(*v) {
		return
	}
	diags.Add(diag.InvalidEnum, pos, "fill_nulls_with %q is not a number", *v).
		WithDetail("write a number such as 0 or 0.00; it replaces a NULL aggregate")
}

// needAggTime requires the measure of a cumulative or conversion metric to
// have an aggregation time dimension: windows are measured along it.
func needAggTime(ix *index, diags *diag.List, m *model.Metric, in *model.MeasureInput) {
	if in == nil {
		return
	}
	ref := ix.measures[in.Name]
	if ref.measure == nil || ref.measure.AggTimeDimension != "" || ref.model.AggTimeDimension != "" {
		return
	}
	diags.Add(diag.MissingParameter, in.Fields.At("name", in.Pos), "measure %q of %s metric %q has no agg_time_dimension", in.Name, m.Type, m.Name).
		WithDetail(fmt.Sprintf("windows run along a time dimension: set agg_time_dimension on semantic model %q or on the measure", ref.model.Name))
}
