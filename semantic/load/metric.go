package load

import (
	"gopkg.in/yaml.v3"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

func decodeMetric(file string, n *yaml.Node, diags *diag.List) *model.Metric {
	o := newObject(file, n, "metric", diags)
	m := &model.Metric{
		Pos:              o.pos(),
		Fields:           o.fields,
		Name:             o.str("name"),
		Label:            o.str("label"),
		Description:      o.str("description"),
		Owner:            o.str("owner"),
		Type:             o.str("type"),
		Filter:           o.expr("filter"),
		ReplacedBy:       o.str("replaced_by"),
		FillNullsWith:    o.optStr("fill_nulls_with"),
		Expr:             o.expr("expr"),
		Window:           o.str("window"),
		GrainToDate:      o.str("grain_to_date"),
		PeriodAgg:        o.str("period_agg"),
		Entity:           o.str("entity"),
		ConversionWindow: o.str("conversion_window"),
		Calculation:      o.str("calculation"),
		Start:            o.str("start"),
		End:              o.str("end"),
		Statistic:        o.str("statistic"),
		SLA:              o.str("sla"),
	}
	m.Version, _ = o.integer("version")
	m.JoinToTimespine, _ = o.boolean("join_to_timespine")
	m.Deprecated = decodeDeprecated(o)
	if f := o.mapping("format", "format"); f != nil {
		m.Format = decodeFormat(f)
	}
	for _, gn := range o.list("guards") {
		g := newObject(file, gn, "guard", diags)
		m.Guards = append(m.Guards, model.Guard{
			Pos:      g.pos(),
			Fields:   g.fields,
			When:     g.expr("when"),
			Severity: g.str("severity"),
			Message:  g.str("message"),
		})
		g.done()
	}
	m.Measure = measureInput(o, "measure")
	m.BaseMeasure = measureInput(o, "base_measure")
	m.ConversionMeasure = measureInput(o, "conversion_measure")
	m.Numerator = metricInput(o, "numerator")
	m.Denominator = metricInput(o, "denominator")
	for _, in := range o.list("metrics") {
		m.Metrics = append(m.Metrics, metricInputNode(file, in, diags))
	}
	for _, cn := range o.list("constant_properties") {
		c := newObject(file, cn, "constant property", diags)
		m.ConstantProperties = append(m.ConstantProperties, model.ConstantProperty{
			Pos:                c.pos(),
			BaseProperty:       c.str("base_property"),
			ConversionProperty: c.str("conversion_property"),
		})
		c.done()
	}
	o.done()
	return m
}

// decodeDeprecated accepts `deprecated: true` or `deprecated: "reason"`.
func decodeDeprecated(o *object) string {
	v := o.scalar("deprecated", "true or a reason")
	if v == nil || v.Value == "false" {
		return ""
	}
	if v.Value == "true" {
		return "deprecated"
	}
	return v.Value
}

func decodeFormat(f *object) *model.Format {
	out := &model.Format{
		Pos:      f.pos(),
		Fields:   f.fields,
		Type:     f.str("type"),
		Currency: f.str("currency"),
		Unit:     f.str("unit"),
	}
	if d, ok := f.integer("decimals"); ok {
		out.Decimals = &d
	}
	f.done()
	return out
}

// measureInput accepts a bare measure name or a mapping with settings.
func measureInput(o *object, key string) *model.MeasureInput {
	v := o.value(key)
	if v == nil {
		return nil
	}
	if v.Kind == yaml.ScalarNode {
		return &model.MeasureInput{Pos: pos(o.file, v), Name: v.Value}
	}
	m := newObject(o.file, v, key, o.diags)
	in := &model.MeasureInput{
		Pos:           m.pos(),
		Fields:        m.fields,
		Name:          m.str("name"),
		Filter:        m.expr("filter"),
		FillNullsWith: m.optStr("fill_nulls_with"),
	}
	in.JoinToTimespine, _ = m.boolean("join_to_timespine")
	m.done()
	return in
}

func metricInput(o *object, key string) *model.MetricInput {
	v := o.value(key)
	if v == nil {
		return nil
	}
	return metricInputNode(o.file, v, o.diags)
}

// metricInputNode accepts a bare metric name or a mapping with settings.
func metricInputNode(file string, v *yaml.Node, diags *diag.List) *model.MetricInput {
	if v.Kind == yaml.ScalarNode {
		return &model.MetricInput{Pos: pos(file, v), Name: v.Value}
	}
	m := newObject(file, v, "metric input", diags)
	in := &model.MetricInput{
		Pos:           m.pos(),
		Fields:        m.fields,
		Name:          m.str("name"),
		Alias:         m.str("alias"),
		Filter:        m.expr("filter"),
		OffsetWindow:  m.str("offset_window"),
		OffsetToGrain: m.str("offset_to_grain"),
	}
	m.done()
	return in
}
