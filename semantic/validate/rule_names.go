package validate

import (
	"regexp"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

func init() { register("names", checkNames) }

// snakeCase is lower_snake_case without a doubled or trailing underscore:
// queries join entity and dimension names with "__", so a name holding
// "__" would be ambiguous.
var snakeCase = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// reserved names are taken by the query language.
var reserved = map[string]bool{"metric_time": true}

func checkNames(ix *index, diags *diag.List) {
	for _, s := range ix.set.Sources {
		checkName(diags, s.Fields, s.Pos, "source", s.Name)
	}
	for _, id := range ix.set.Identities {
		checkName(diags, id.Fields, id.Pos, "identity", id.Name)
		for _, i := range id.Identifiers {
			checkName(diags, i.Fields, i.Pos, "identifier", i.Name)
		}
	}
	for _, m := range ix.set.SemanticModels {
		checkName(diags, m.Fields, m.Pos, "semantic model", m.Name)
		for _, e := range m.Entities {
			checkName(diags, e.Fields, e.Pos, "entity", e.Name)
		}
		for _, d := range m.Dimensions {
			checkName(diags, d.Fields, d.Pos, "dimension", d.Name)
		}
		for _, ms := range m.Measures {
			checkName(diags, ms.Fields, ms.Pos, "measure", ms.Name)
		}
	}
	for _, m := range ix.set.Metrics {
		checkName(diags, m.Fields, m.Pos, "metric", m.Name)
		for _, in := range m.Metrics {
			if in.Alias != "" {
				checkName(diags, model.Fields{"name": in.Fields.At("alias", in.Pos)}, in.Pos, "alias", in.Alias)
			}
		}
	}
}

func checkName(diags *diag.List, fields model.Fields, pos diag.Pos, kind, name string) {
	if name == "" {
		return
	}
	at := fields.At("name", pos)
	switch {
	case !snakeCase.MatchString(name):
		diags.Add(diag.InvalidName, at, "%s name %q is not lower_snake_case", kind, name).
			WithDetail("names start with a letter and use a-z, 0-9 and single underscores; \"__\" separates entity and dimension in queries")
	case reserved[name]:
		diags.Add(diag.InvalidName, at, "%s name %q is reserved", kind, name).
			WithDetail("metric_time is the query's name for each metric's aggregation time; pick another name")
	}
}
