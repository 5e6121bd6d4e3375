package validate

import (
	"fmt"
	"strings"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

func init() { register("references", checkReferences) }

// checkReferences reports names that point at nothing: a model's source and
// aggregation time dimension, the measures and metrics a metric reads,
// replaced_by, and the identity carriers' sources. Entity references of
// conversion and time_to_event metrics are checked in rule_metric_params,
// where the models involved are known.
func checkReferences(ix *index, diags *diag.List) {
	for _, m := range ix.set.SemanticModels {
		checkModelReferences(ix, diags, m)
	}
	for _, m := range ix.set.Metrics {
		for _, in := range measureInputs(m) {
			if in.Name != "" && ix.measures[in.Name].measure == nil {
				unknown(diags, diag.UnknownMeasure, in.Fields.At("name", in.Pos), "measure", in.Name, ix.measureNames)
			}
		}
		for _, in := range inputs(m) {
			if in.Name != "" && ix.metrics[in.Name] == nil {
				unknown(diags, diag.UnknownMetric, in.Fields.At("name", in.Pos), "metric", in.Name, ix.metricNames)
			}
		}
		if m.ReplacedBy != "" && ix.metrics[m.ReplacedBy] == nil {
			d := diags.Add(diag.ReplacedByUnknown, m.Fields.At("replaced_by", m.Pos), "replaced_by names unknown metric %q", m.ReplacedBy)
			d.WithSuggestions(diag.Suggest(m.ReplacedBy, ix.metricNames))
		}
	}
	for _, id := range ix.set.Identities {
		checkCarriers(ix, diags, id)
	}
	for _, s := range ix.set.Sources {
		checkFreshnessField(ix, diags, s)
	}
}

func checkModelReferences(ix *index, diags *diag.List, m *model.SemanticModel) {
	if m.Source != "" && ix.sources[m.Source] == nil {
		unknown(diags, diag.UnknownSource, m.Fields.At("source", m.Pos), "source", m.Source, ix.sourceNames)
	}
	checkAggTime(diags, m, m.AggTimeDimension, m.Fields.At("agg_time_dimension", m.Pos))
	for _, ms := range m.Measures {
		checkAggTime(diags, m, ms.AggTimeDimension, ms.Fields.At("agg_time_dimension", ms.Pos))
	}
}

// checkAggTime requires an aggregation time dimension to be a time
// dimension of the measure's own model.
func checkAggTime(diags *diag.List, m *model.SemanticModel, name string, pos diag.Pos) {
	if name == "" {
		return
	}
	d := dimension(m, name)
	switch {
	case d == nil:
		unknownIn(diags, diag.UnknownDimension, pos, "time dimension", name, fmt.Sprintf("semantic model %q", m.Name), dimensionNames(m, true))
	case d.Type != model.DimensionTime:
		diags.Add(diag.InvalidParameter, pos, "agg_time_dimension %q is a %s dimension, not a time dimension", name, d.Type)
	}
}

func checkCarriers(ix *index, diags *diag.List, id *model.Identity) {
	var idents []string
	known := map[string]bool{}
	for _, i := range id.Identifiers {
		idents = append(idents, i.Name)
		known[i.Name] = true
	}
	for _, c := range id.Carriers {
		if c.Source != "" && ix.sources[c.Source] == nil {
			unknown(diags, diag.UnknownSource, c.Fields.At("source", c.Pos), "source", c.Source, ix.sourceNames)
		}
		for _, name := range sortedKeys(c.Columns) {
			if !known[name] {
				d := diags.Add(diag.InvalidEnum, c.Fields.At("columns", c.Pos), "identity carrier maps unknown identifier %q", name).
					WithDetail(fmt.Sprintf("identifiers of identity %q: %s", id.Name, strings.Join(idents, ", ")))
				d.WithSuggestions(diag.Suggest(name, idents))
			}
		}
	}
}

// checkFreshnessField requires a freshness field to be something the source
// holds. For a file source with declared columns it must be one of them (an
// error). Otherwise it is looked up among the dimensions (by name or column
// expression) of the semantic models bound to the source, and a miss is only
// a warning: a table may have columns no model declares. A source with
// neither declared columns nor bound models is not checked.
func checkFreshnessField(ix *index, diags *diag.List, s *model.Source) {
	f := s.Freshness
	if f == nil || f.Field == "" {
		return
	}

	var names []string
	for _, c := range s.Location.Columns {
		if c.Name != "" {
			names = append(names, c.Name)
		}
	}
	declared := len(names) > 0
	if !declared {
		for _, m := range ix.set.SemanticModels {
			if m.Source != s.Name {
				continue
			}
			for _, d := range m.Dimensions {
				names = append(names, d.Name)
				if t := strings.TrimSpace(d.Expr.Text); t != "" {
					names = append(names, t)
				}
			}
		}
	}
	if len(names) == 0 {
		return
	}

	for _, n := range names {
		if n == f.Field {
			return
		}
	}

	at := f.Fields.At("field", f.Pos)
	if declared {
		unknownIn(diags, diag.UnknownDimension, at, "freshness field", f.Field, fmt.Sprintf("the columns of source %q", s.Name), uniqueSorted(names))
		return
	}
	d := diags.Warn(diag.UnknownDimension, at, "freshness field %q of source %q is not a dimension of its semantic models", f.Field, s.Name)
	d.WithDetail(fmt.Sprintf("declare it as a time dimension, or make sure table %q has this column; dimensions: %s", s.Location.Table, strings.Join(uniqueSorted(names), ", ")))
	d.WithSuggestions(diag.Suggest(f.Field, uniqueSorted(names)))
}
