package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

// percentileStatistic is p1 to p99.
var percentileStatistic = regexp.MustCompile(`^p([1-9]|[1-9][0-9])$`)

// checkTimeToEvent requires entity, start, end and statistic. Start and end
// are model.dimension references to time dimensions of models that carry
// the entity, since the lag is measured per entity value.
func checkTimeToEvent(ix *index, diags *diag.List, m *model.Metric) {
	need(diags, m, "entity", m.Entity != "")
	need(diags, m, "start", m.Start != "")
	need(diags, m, "end", m.End != "")
	need(diags, m, "statistic", m.Statistic != "")

	start := timeDimensionRef(ix, diags, m.Fields.At("start", m.Pos), "start", m.Start)
	end := timeDimensionRef(ix, diags, m.Fields.At("end", m.Pos), "end", m.End)
	if m.Entity != "" {
		checkEntityIn(ix, diags, m.Fields.At("entity", m.Pos), m.Entity, start, end)
	}

	switch st := m.Statistic; {
	case st == "" || st == "median" || percentileStatistic.MatchString(st):
		if m.SLA != "" {
			diags.Add(diag.InvalidParameter, m.Fields.At("sla", m.Pos), "time_to_event metric %q has an sla but statistic %s", m.Name, st).
				WithDetail("sla is used only by statistic: within_sla, the share of entities whose end came within the SLA")
		}
	case st == "within_sla":
		need(diags, m, "sla", m.SLA != "")
	default:
		diags.Add(diag.InvalidEnum, m.Fields.At("statistic", m.Pos), "invalid statistic %q", st).
			WithDetail("use median, a percentile p1 to p99 (e.g. p90), or within_sla").
			WithSuggestions(diag.Suggest(st, []string{"median", "p50", "p90", "p95", "within_sla"}))
	}
}

// timeDimensionRef resolves "model.dimension" to the model when the
// dimension exists and is a time dimension, reporting what is wrong
// otherwise.
func timeDimensionRef(ix *index, diags *diag.List, pos diag.Pos, key, ref string) *model.SemanticModel {
	if ref == "" {
		return nil
	}
	modelName, dimName, ok := strings.Cut(ref, ".")
	if !ok || modelName == "" || dimName == "" {
		diags.Add(diag.InvalidParameter, pos, "%s %q is not model.dimension", key, ref).
			WithDetail("name a time dimension with its semantic model, e.g. leads.created_at")
		return nil
	}
	sm := ix.models[modelName]
	if sm == nil {
		unknown(diags, diag.UnknownModel, pos, "semantic model", modelName, ix.modelNames)
		return nil
	}
	d := dimension(sm, dimName)
	switch {
	case d == nil:
		unknownIn(diags, diag.UnknownDimension, pos, "time dimension", dimName, fmt.Sprintf("semantic model %q", sm.Name), dimensionNames(sm, true))
		return nil
	case d.Type != model.DimensionTime:
		diags.Add(diag.InvalidParameter, pos, "%s %q is a %s dimension, not a time dimension", key, ref, d.Type)
		return nil
	}
	return sm
}
