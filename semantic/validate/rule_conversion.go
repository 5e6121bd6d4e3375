package validate

import (
	"fmt"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

// checkConversion requires the conversion parameters and that the entity
// links both measures' models: base and conversion events are matched per
// entity value, so both models must carry it.
func checkConversion(ix *index, diags *diag.List, m *model.Metric) {
	need(diags, m, "entity", m.Entity != "")
	need(diags, m, "base_measure", m.BaseMeasure != nil)
	need(diags, m, "conversion_measure", m.ConversionMeasure != nil)
	need(diags, m, "conversion_window", m.ConversionWindow != "")
	oneOf(diags, m.Fields.At("calculation", m.Pos), "calculation", m.Calculation, []string{"conversion_rate", "conversions"})

	base := measureModel(ix, m.BaseMeasure)
	conv := measureModel(ix, m.ConversionMeasure)
	if m.Entity != "" {
		checkEntityIn(ix, diags, m.Fields.At("entity", m.Pos), m.Entity, base, conv)
	}
	for _, c := range m.ConstantProperties {
		if base != nil && c.BaseProperty != "" && dimension(base, c.BaseProperty) == nil {
			unknownIn(diags, diag.UnknownDimension, c.Pos, "dimension", c.BaseProperty, fmt.Sprintf("semantic model %q", base.Name), dimensionNames(base, false))
		}
		if conv != nil && c.ConversionProperty != "" && dimension(conv, c.ConversionProperty) == nil {
			unknownIn(diags, diag.UnknownDimension, c.Pos, "dimension", c.ConversionProperty, fmt.Sprintf("semantic model %q", conv.Name), dimensionNames(conv, false))
		}
		if c.BaseProperty == "" || c.ConversionProperty == "" {
			diags.Add(diag.MissingParameter, c.Pos, "constant property of metric %q needs base_property and conversion_property", m.Name)
		}
	}
}

// measureModel returns the model defining the input's measure, or nil.
func measureModel(ix *index, in *model.MeasureInput) *model.SemanticModel {
	if in == nil {
		return nil
	}
	return ix.measures[in.Name].model
}

// checkEntityIn reports an entity that no model defines, or that one of the
// given models (nil ones are skipped) lacks.
func checkEntityIn(ix *index, diags *diag.List, pos diag.Pos, name string, models ...*model.SemanticModel) {
	if !entityDefined(ix, name) {
		unknown(diags, diag.UnknownEntity, pos, "entity", name, allEntityNames(ix))
		return
	}
	for _, sm := range models {
		if sm != nil && entity(sm, name) == nil {
			diags.Add(diag.UnknownEntity, pos, "semantic model %q has no entity %q", sm.Name, name).
				WithDetail(fmt.Sprintf("entities of %q: %s", sm.Name, joinOr(entityNames(sm))))
		}
	}
}

func entityDefined(ix *index, name string) bool {
	for _, sm := range ix.set.SemanticModels {
		if entity(sm, name) != nil {
			return true
		}
	}
	return false
}

func allEntityNames(ix *index) []string {
	var names []string
	for _, sm := range ix.set.SemanticModels {
		names = append(names, entityNames(sm)...)
	}
	return uniqueSorted(names)
}
