package resolve

import "github.com/metricsd/metricsd/semantic/model"

// Metric is a metric linked to what it computes from.
type Metric struct {
	Def     *model.Metric
	Name    string
	Version int
	Type    string
	Filter  *Condition // the metric's own filter, over entity__dimension names
	Fill    string     // fill_nulls_with, "" when unset
	// Pending is the reason the planner cannot compute the metric yet, or
	// empty when it can.
	Pending string

	Measure *MeasureUse // simple

	Numerator, Denominator *MetricUse // ratio

	Expr   Node         // derived
	Inputs []*MetricUse // derived, in the order written

	Cumulative  *Cumulative  // cumulative; Measure holds its measure
	Conversion  *Conversion  // conversion
	TimeToEvent *TimeToEvent // time_to_event
}

// MeasureUse is a measure as a metric uses it, with the use's own filter.
type MeasureUse struct {
	Measure *Measure
	Filter  *Condition
	Fill    string
}

// MetricUse is a metric as a ratio or derived metric uses it.
type MetricUse struct {
	Metric *Metric
	Name   string // the alias, or the metric name when no alias is written
	Filter *Condition
	Offset *Offset // a period offset, nil for the same period
}

// ValueType is the type of the metric's values: integer, decimal or float.
func (m *Metric) ValueType() string {
	switch m.Type {
	case model.MetricSimple:
		if m.Measure == nil {
			return "decimal"
		}
		return m.Measure.Measure.ValueType()
	case model.MetricRatio:
		return "float"
	case model.MetricDerived:
		return derivedType(m.Expr)
	case model.MetricCumulative, model.MetricConversion, model.MetricTimeToEvent:
		return m.timeValueType()
	}
	return "decimal"
}

// ValueType is the type of the measure's aggregate.
func (ms *Measure) ValueType() string {
	switch ms.Agg {
	case "count", "count_distinct", "sum_boolean":
		return "integer"
	case "avg", "median", "percentile":
		return "float"
	}
	switch ms.DataType {
	case "integer", "float", "decimal":
		return ms.DataType
	}
	return "decimal"
}

// derivedType is float when the expression divides or reads a float,
// decimal when it reads a decimal, else integer.
func derivedType(n Node) string {
	switch n := n.(type) {
	case *Ref:
		return n.Input.Metric.ValueType()
	case *Num:
		return "integer"
	case *Neg:
		return derivedType(n.X)
	case *Binary:
		if n.Op == '/' {
			return "float"
		}
		l, r := derivedType(n.L), derivedType(n.R)
		switch {
		case l == "float" || r == "float":
			return "float"
		case l == "decimal" || r == "decimal":
			return "decimal"
		}
		return "integer"
	}
	return "decimal"
}
