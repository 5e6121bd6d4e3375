package resolve

import (
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

// metricBuilder links metrics depth first so inputs exist before the
// metrics that read them; visiting breaks cycles.
type metricBuilder struct {
	m        *Model
	set      *model.Set
	diags    *diag.List
	visiting map[string]bool
	defs     map[string]*model.Metric
}

func (b *metricBuilder) def(name string) *model.Metric {
	if b.defs == nil {
		b.defs = map[string]*model.Metric{}
		for _, d := range b.set.Metrics {
			if _, dup := b.defs[d.Name]; !dup {
				b.defs[d.Name] = d
			}
		}
	}
	return b.defs[name]
}

func (b *metricBuilder) metric(name string) *Metric {
	if m, ok := b.m.metrics[name]; ok {
		return m
	}
	def := b.def(name)
	if def == nil || b.visiting[name] {
		return nil
	}
	b.visiting[name] = true
	defer delete(b.visiting, name)
	out := &Metric{Def: def, Name: def.Name, Version: def.Version, Type: def.Type}
	if def.FillNullsWith != nil {
		out.Fill = *def.FillNullsWith
	}
	if !def.Filter.IsZero() {
		out.Filter = compileInto(b.m.filters.env, def.Filter, b.diags)
	}
	ok := false
	switch def.Type {
	case model.MetricSimple:
		ok = b.simple(def, out)
	case model.MetricRatio:
		out.Numerator = b.input(def, def.Numerator, "numerator")
		out.Denominator = b.input(def, def.Denominator, "denominator")
		ok = out.Numerator != nil && out.Denominator != nil
	case model.MetricDerived:
		ok = b.derived(def, out)
	default:
		ok = b.timeMetric(def, out)
	}
	if !ok {
		return nil
	}
	for _, in := range append(out.Inputs, out.Numerator, out.Denominator) {
		switch {
		case in == nil:
		case in.Metric.Pending != "":
			out.Pending = "it reads " + in.Metric.Name + ": " + in.Metric.Pending
		}
	}
	b.m.metrics[name] = out
	return out
}

func (b *metricBuilder) simple(def *model.Metric, out *Metric) bool {
	in := def.Measure
	if in == nil {
		b.diags.Add(diag.MissingParameter, def.Pos, "metric %q: a simple metric needs a measure", def.Name)
		return false
	}
	ms := b.findMeasure(in.Name)
	if ms == nil {
		b.diags.Add(diag.UnknownMeasure, in.Pos, "metric %q: unknown measure %q", def.Name, in.Name)
		return false
	}
	out.Measure = &MeasureUse{Measure: ms}
	if in.FillNullsWith != nil {
		out.Measure.Fill = *in.FillNullsWith
	}
	if !in.Filter.IsZero() {
		out.Measure.Filter = compileInto(b.m.filters.env, in.Filter, b.diags)
	}
	return true
}

func (b *metricBuilder) findMeasure(name string) *Measure {
	for _, t := range b.m.Tables {
		if ms, ok := t.Measures[name]; ok {
			return ms
		}
	}
	return nil
}

func (b *metricBuilder) input(def *model.Metric, in *model.MetricInput, role string) *MetricUse {
	if in == nil {
		b.diags.Add(diag.MissingParameter, def.Pos, "metric %q: missing %s", def.Name, role)
		return nil
	}
	target := b.metric(in.Name)
	if target == nil {
		if b.visiting[in.Name] {
			b.diags.Add(diag.MetricCycle, in.Pos, "metric %q: %s %q depends on %q again", def.Name, role, in.Name, def.Name)
		} else if b.def(in.Name) == nil {
			b.diags.Add(diag.UnknownMetric, in.Pos, "metric %q: unknown %s metric %q", def.Name, role, in.Name).
				WithSuggestions(diag.Suggest(in.Name, b.allNames()))
		}
		return nil
	}
	off, ok := b.offset(def, in)
	if !ok {
		return nil
	}
	use := &MetricUse{Metric: target, Name: in.Name, Offset: off}
	if in.Alias != "" {
		use.Name = in.Alias
	}
	if !in.Filter.IsZero() {
		use.Filter = compileInto(b.m.filters.env, in.Filter, b.diags)
	}
	return use
}

func (b *metricBuilder) derived(def *model.Metric, out *Metric) bool {
	byName := map[string]*MetricUse{}
	for _, in := range def.Metrics {
		use := b.input(def, in, "input")
		if use == nil {
			return false
		}
		out.Inputs = append(out.Inputs, use)
		byName[use.Name] = use
	}
	n, err := ParseDerived(def.Expr.Text, func(name string) *MetricUse { return byName[name] })
	if err != nil {
		pos := def.Expr.Pos
		if pe, ok := err.(*ParseError); ok {
			pos = def.Expr.PosAt(1, pe.Col)
		}
		b.diags.Add(diag.InvalidParameter, pos, "metric %q: invalid expression: %v", def.Name, err)
		return false
	}
	out.Expr = n
	return true
}

func (b *metricBuilder) allNames() []string {
	names := make([]string, 0, len(b.set.Metrics))
	for _, d := range b.set.Metrics {
		names = append(names, d.Name)
	}
	return names
}
