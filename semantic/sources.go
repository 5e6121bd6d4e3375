package semantic

import (
	"sort"
	"strings"

	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// SourcesOf returns the catalog sources (SemanticModel.Source) of every
// semantic model the metrics read, sorted and without duplicates. It
// follows the inputs of ratio and derived metrics, and the measures and
// timestamps of conversion and time-to-event metrics. A metric may be
// written as name@version. Unknown metrics and models without a source add
// nothing, because the query compiler reports unknown names.
func (m *Model) SourcesOf(metrics []string) []string {
	seen := map[string]bool{}
	for _, t := range m.tablesOf(metrics) {
		if src := t.Def.Source; src != "" {
			seen[src] = true
		}
	}
	out := make([]string, 0, len(seen))
	for src := range seen {
		out = append(out, src)
	}
	sort.Strings(out)
	return out
}

// Lineage returns the definition of the metric followed by those of every
// metric it reads, transitively and each once, in depth-first order. It
// returns nil for an unknown metric. A metric may be written as
// name@version.
func (m *Model) Lineage(metric string) []*model.Metric {
	met := m.r.Metric(metricName(metric))
	if met == nil {
		return nil
	}
	var out []*model.Metric
	seen := map[*resolve.Metric]bool{}
	var walk func(*resolve.Metric)
	walk = func(x *resolve.Metric) {
		if seen[x] {
			return
		}
		seen[x] = true
		out = append(out, x.Def)
		for _, in := range metricInputs(x) {
			walk(in)
		}
	}
	walk(met)
	return out
}

// tablesOf lists the semantic models the metrics read, without duplicates.
func (m *Model) tablesOf(metrics []string) []*resolve.Table {
	var tables []*resolve.Table
	for _, name := range metrics {
		met := m.r.Metric(metricName(name))
		if met == nil {
			continue
		}
		tables = append(tables, metricTables(met)...)
		for _, def := range m.Lineage(name) {
			tables = append(tables, m.pendingTables(def)...)
		}
	}
	return uniqueTables(tables)
}

// pendingTables finds the models of metric types whose inputs the resolver
// does not link (conversion and time-to-event), from the definition as
// written: measures by name, timestamps as model.dimension.
func (m *Model) pendingTables(def *model.Metric) []*resolve.Table {
	var out []*resolve.Table
	for _, in := range []*model.MeasureInput{def.BaseMeasure, def.ConversionMeasure} {
		if in == nil {
			continue
		}
		for _, t := range m.r.Tables {
			if t.Measures[in.Name] != nil {
				out = append(out, t)
			}
		}
	}
	for _, ref := range []string{def.Start, def.End} {
		name, _, ok := strings.Cut(ref, ".")
		if !ok {
			continue
		}
		if t := m.r.Table(name); t != nil {
			out = append(out, t)
		}
	}
	return out
}

// metricInputs lists the metrics a ratio or derived metric reads.
func metricInputs(met *resolve.Metric) []*resolve.Metric {
	var out []*resolve.Metric
	for _, use := range []*resolve.MetricUse{met.Numerator, met.Denominator} {
		if use != nil {
			out = append(out, use.Metric)
		}
	}
	for _, use := range met.Inputs {
		out = append(out, use.Metric)
	}
	return out
}

// metricName drops a pinned version ("roas@2" → "roas").
func metricName(s string) string {
	name, _, _ := strings.Cut(s, "@")
	return name
}
