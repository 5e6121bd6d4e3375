package validate

import (
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

func init() { register("grains", checkGrains) }

// Grains a query or a metric parameter may name, smallest first.
var queryGrains = []string{"hour", "day", "week", "month", "quarter", "year"}

// dimensionGrains adds the finer grains a time column may hold.
var dimensionGrains = []string{"second", "minute", "hour", "day", "week", "month", "quarter", "year"}

// checkGrains checks every grain name: the smallest grain of time
// dimensions, cumulative grain_to_date and offset_to_grain of derived
// inputs. A grain on a categorical dimension is a mistake, not a no-op.
func checkGrains(ix *index, diags *diag.List) {
	for _, m := range ix.set.SemanticModels {
		for _, d := range m.Dimensions {
			if d.Grain == "" {
				continue
			}
			at := d.Fields.At("grain", d.Pos)
			if d.Type == model.DimensionCategorical {
				diags.Add(diag.InvalidParameter, at, "categorical dimension %q has a grain", d.Name).
					WithDetail("only time dimensions have a grain; remove it or make the dimension type: time")
				continue
			}
			grain(diags, at, d.Grain, dimensionGrains)
		}
	}
	for _, m := range ix.set.Metrics {
		if m.GrainToDate != "" {
			grain(diags, m.Fields.At("grain_to_date", m.Pos), m.GrainToDate, queryGrains)
		}
		for _, in := range inputs(m) {
			if in.OffsetToGrain != "" {
				grain(diags, in.Fields.At("offset_to_grain", in.Pos), in.OffsetToGrain, queryGrains)
			}
		}
	}
}

func grain(diags *diag.List, pos diag.Pos, name string, allowed []string) {
	for _, g := range allowed {
		if g == name {
			return
		}
	}
	d := diags.Add(diag.InvalidGrain, pos, "invalid grain %q", name)
	d.WithDetail("grains are " + joinOr(allowed))
	d.WithSuggestions(diag.Suggest(name, allowed))
}
