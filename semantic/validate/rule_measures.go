package validate

import (
	"strconv"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

func init() { register("measures", checkMeasures) }

// checkMeasures checks aggregations and their settings. A count without an
// expression counts primary entity values, so its model needs a primary
// entity.
func checkMeasures(ix *index, diags *diag.List) {
	for _, m := range ix.set.SemanticModels {
		for _, ms := range m.Measures {
			checkMeasure(diags, m, ms)
		}
	}
}

func checkMeasure(diags *diag.List, m *model.SemanticModel, ms *model.Measure) {
	oneOf(diags, ms.Fields.At("agg", ms.Pos), "aggregation", ms.Agg, model.Aggregations)
	oneOf(diags, ms.Fields.At("data_type", ms.Pos), "measure data_type", ms.DataType, measureDataTypes)
	checkFillNulls(diags, ms.Fields.At("fill_nulls_with", ms.Pos), ms.FillNullsWith)
	checkPercentile(diags, ms)
	if ms.Agg == "count" && ms.Expr.IsZero() && !hasPrimary(m) {
		diags.Add(diag.MissingPrimary, ms.Pos, "measure %q counts rows of semantic model %q, which has no primary entity", ms.Name, m.Name).
			WithDetail("add an entity with type: primary, or give the measure an expr to count")
	}
}

// checkPercentile requires 0 < percentile < 1 for agg percentile and no
// percentile otherwise.
func checkPercentile(diags *diag.List, ms *model.Measure) {
	at := ms.Fields.At("percentile", ms.Pos)
	if ms.Agg != "percentile" {
		if ms.Percentile != "" {
			diags.Add(diag.InvalidParameter, at, "measure %q has a percentile but agg %s", ms.Name, ms.Agg).
				WithDetail("percentile applies only to agg: percentile")
		}
		return
	}
	if ms.Percentile == "" {
		diags.Add(diag.MissingParameter, ms.Pos, "percentile measure %q needs percentile", ms.Name).
			WithDetail("write the fraction, e.g. percentile: 0.9 for the 90th percentile")
		return
	}
	p, err := strconv.ParseFloat(ms.Percentile, 64)
	if err != nil || p <= 0 || p >= 1 {
		diags.Add(diag.InvalidParameter, at, "percentile %q of measure %q is not between 0 and 1", ms.Percentile, ms.Name).
			WithDetail("write the fraction, e.g. 0.9 for the 90th percentile")
	}
}

func hasPrimary(m *model.SemanticModel) bool {
	for _, e := range m.Entities {
		if e.Type == model.EntityPrimary {
			return true
		}
	}
	return false
}
