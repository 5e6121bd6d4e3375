package validate

import (
	"github.com/metricsd/metricsd/semantic/diag"
)

func init() { register("required fields", checkRequired) }

// checkRequired reports keys every object of a kind needs, whatever its
// type. Type-specific metric parameters are rule_metric_params' job.
func checkRequired(ix *index, diags *diag.List) {
	for _, s := range ix.set.Sources {
		required(diags, s.Pos, "source", s.Name, "name", s.Name)
		if f := s.Freshness; f != nil && f.Field == "" {
			diags.Add(diag.MissingField, f.Pos, "freshness rule of source %q has no field", s.Name).
				WithDetail("name the timestamp column whose latest value tells the source's age")
		}
	}
	for _, id := range ix.set.Identities {
		required(diags, id.Pos, "identity", id.Name, "name", id.Name)
		for _, i := range id.Identifiers {
			required(diags, i.Pos, "identifier", i.Name, "name", i.Name)
			required(diags, i.Pos, "identifier", i.Name, "kind", i.Kind)
		}
		for _, c := range id.Carriers {
			required(diags, c.Pos, "identity carrier", "", "source", c.Source)
			required(diags, c.Pos, "identity carrier", c.Source, "key", c.Key)
		}
	}
	for _, m := range ix.set.SemanticModels {
		required(diags, m.Pos, "semantic model", m.Name, "name", m.Name)
		for _, e := range m.Entities {
			required(diags, e.Pos, "entity", e.Name, "name", e.Name)
			required(diags, e.Pos, "entity", e.Name, "type", e.Type)
		}
		for _, d := range m.Dimensions {
			required(diags, d.Pos, "dimension", d.Name, "name", d.Name)
			required(diags, d.Pos, "dimension", d.Name, "type", d.Type)
		}
		for _, ms := range m.Measures {
			required(diags, ms.Pos, "measure", ms.Name, "name", ms.Name)
			required(diags, ms.Pos, "measure", ms.Name, "agg", ms.Agg)
		}
	}
	for _, m := range ix.set.Metrics {
		required(diags, m.Pos, "metric", m.Name, "name", m.Name)
		required(diags, m.Pos, "metric", m.Name, "type", m.Type)
		if m.Format != nil {
			required(diags, m.Format.Pos, "format of metric", m.Name, "type", m.Format.Type)
		}
		for _, g := range m.Guards {
			required(diags, g.Pos, "guard of metric", m.Name, "when", g.When.Text)
			required(diags, g.Pos, "guard of metric", m.Name, "message", g.Message)
		}
		for _, in := range inputs(m) {
			required(diags, in.Pos, "metric input of", m.Name, "name", in.Name)
		}
		for _, in := range measureInputs(m) {
			required(diags, in.Pos, "measure input of", m.Name, "name", in.Name)
		}
	}
}
