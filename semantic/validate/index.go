package validate

import (
	"sort"

	"github.com/metricsd/metricsd/semantic/model"
)

// index gives rules name lookups over the set. When a name is defined twice
// the first definition wins here; rule_duplicates reports the second.
type index struct {
	set      *model.Set
	sources  map[string]*model.Source
	models   map[string]*model.SemanticModel
	metrics  map[string]*model.Metric
	measures map[string]measureRef
	// primaries maps an entity name to the models that have it as primary
	// or unique, in definition order.
	primaries map[string][]*model.SemanticModel
	// byEntity maps an entity name to every model holding it.
	byEntity map[string][]*model.SemanticModel
	// reach caches reachable per start model.
	reach map[*model.SemanticModel][]*model.SemanticModel

	sourceNames, modelNames, metricNames, measureNames []string
}

// measureRef is a measure with the model that defines it.
type measureRef struct {
	model   *model.SemanticModel
	measure *model.Measure
}

func newIndex(set *model.Set) *index {
	ix := &index{
		set:       set,
		sources:   map[string]*model.Source{},
		models:    map[string]*model.SemanticModel{},
		metrics:   map[string]*model.Metric{},
		measures:  map[string]measureRef{},
		primaries: map[string][]*model.SemanticModel{},
		byEntity:  map[string][]*model.SemanticModel{},
		reach:     map[*model.SemanticModel][]*model.SemanticModel{},
	}
	for _, s := range set.Sources {
		if _, ok := ix.sources[s.Name]; !ok && s.Name != "" {
			ix.sources[s.Name] = s
			ix.sourceNames = append(ix.sourceNames, s.Name)
		}
	}
	for _, m := range set.SemanticModels {
		ix.addModel(m)
	}
	for _, m := range set.Metrics {
		if _, ok := ix.metrics[m.Name]; !ok && m.Name != "" {
			ix.metrics[m.Name] = m
			ix.metricNames = append(ix.metricNames, m.Name)
		}
	}
	for _, names := range [][]string{ix.sourceNames, ix.modelNames, ix.metricNames, ix.measureNames} {
		sort.Strings(names)
	}
	return ix
}

func (ix *index) addModel(m *model.SemanticModel) {
	if _, ok := ix.models[m.Name]; !ok && m.Name != "" {
		ix.models[m.Name] = m
		ix.modelNames = append(ix.modelNames, m.Name)
	}
	for _, ms := range m.Measures {
		if _, ok := ix.measures[ms.Name]; !ok && ms.Name != "" {
			ix.measures[ms.Name] = measureRef{model: m, measure: ms}
			ix.measureNames = append(ix.measureNames, ms.Name)
		}
	}
	for _, e := range m.Entities {
		ix.byEntity[e.Name] = append(ix.byEntity[e.Name], m)
		if e.Type == model.EntityPrimary || e.Type == model.EntityUnique {
			ix.primaries[e.Name] = append(ix.primaries[e.Name], m)
		}
	}
}

// dimension returns the dimension called name in m, or nil.
func dimension(m *model.SemanticModel, name string) *model.Dimension {
	for _, d := range m.Dimensions {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// entity returns the entity called name in m, or nil.
func entity(m *model.SemanticModel, name string) *model.Entity {
	for _, e := range m.Entities {
		if e.Name == name {
			return e
		}
	}
	return nil
}

func dimensionNames(m *model.SemanticModel, onlyTime bool) []string {
	var out []string
	for _, d := range m.Dimensions {
		if !onlyTime || d.Type == model.DimensionTime {
			out = append(out, d.Name)
		}
	}
	sort.Strings(out)
	return out
}

func entityNames(m *model.SemanticModel) []string {
	var out []string
	for _, e := range m.Entities {
		out = append(out, e.Name)
	}
	sort.Strings(out)
	return out
}

// inputs returns every metric a metric reads directly: ratio numerator and
// denominator, derived inputs.
func inputs(m *model.Metric) []*model.MetricInput {
	var out []*model.MetricInput
	if m.Numerator != nil {
		out = append(out, m.Numerator)
	}
	if m.Denominator != nil {
		out = append(out, m.Denominator)
	}
	return append(out, m.Metrics...)
}

// measureInputs returns every measure a metric reads directly.
func measureInputs(m *model.Metric) []*model.MeasureInput {
	var out []*model.MeasureInput
	for _, in := range []*model.MeasureInput{m.Measure, m.BaseMeasure, m.ConversionMeasure} {
		if in != nil {
			out = append(out, in)
		}
	}
	return out
}
