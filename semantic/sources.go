package semantic

import (
	"sort"
	"strings"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/semantic/plan"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// SourcesOf returns the catalog sources (SemanticModel.Source) of every
// semantic model the metrics read, sorted and without duplicates. It
// follows the inputs of ratio and derived metrics, and the measures and
// timestamps of conversion and time-to-event metrics. A metric may be
// written as name@version. Unknown metrics and models without a source add
// nothing, because the query compiler reports unknown names.
func (m *Model) SourcesOf(metrics []string) []string {
	return sourceNames(m.tablesOf(metrics))
}

// SourcesOfQuery returns the catalog sources of every semantic model the
// query reads: those SourcesOf lists for its metrics, and the models it
// joins to group or filter by their dimensions. Sorted, without
// duplicates. The diagnostics are those of planning the query; the result
// is nil when they hold an error.
func (m *Model) SourcesOfQuery(q query.Query) ([]string, diag.List) {
	p, diags := plan.Build(m.r, q)
	if diags.HasErrors() {
		return nil, diags
	}
	tables := m.tablesOf(q.Metrics)
	for _, src := range p.Sources {
		tables = append(tables, scopeTables(src.Scope)...)
		for _, c := range src.Where {
			tables = append(tables, condTables(c)...)
		}
		for _, a := range src.Aggs {
			for _, c := range a.Conds {
				tables = append(tables, condTables(c)...)
			}
		}
	}
	return sourceNames(tables), diags
}

func scopeTables(s plan.Scope) []*resolve.Table {
	var out []*resolve.Table
	if s.Root != nil {
		out = append(out, s.Root.Table)
	}
	for _, j := range s.Joins {
		out = append(out, j.Rel.Table)
	}
	return out
}

// condTables lists the models a filter reads across a one-to-many hop.
func condTables(c *plan.Cond) []*resolve.Table {
	if c == nil || c.Exists == nil {
		return nil
	}
	return scopeTables(c.Exists.Scope)
}

// sourceNames returns the sorted, unique sources of the tables.
func sourceNames(tables []*resolve.Table) []string {
	seen := map[string]bool{}
	for _, t := range tables {
		if t != nil && t.Def.Source != "" {
			seen[t.Def.Source] = true
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
