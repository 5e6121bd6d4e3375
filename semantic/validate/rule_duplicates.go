package validate

import (
	"fmt"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

func init() { register("duplicate names", checkDuplicates) }

// checkDuplicates reports every definition whose name an earlier one of the
// same kind already took. Measures share one namespace across models
// because metrics name them without their model.
func checkDuplicates(ix *index, diags *diag.List) {
	sources := seen{kind: "source"}
	for _, s := range ix.set.Sources {
		sources.check(diags, s.Name, s.Fields.At("name", s.Pos))
	}
	identities := seen{kind: "identity"}
	for _, id := range ix.set.Identities {
		identities.check(diags, id.Name, id.Fields.At("name", id.Pos))
		identifiers := seen{kind: "identifier"}
		for _, i := range id.Identifiers {
			identifiers.check(diags, i.Name, i.Fields.At("name", i.Pos))
		}
	}
	models := seen{kind: "semantic model"}
	measures := seen{kind: "measure"}
	for _, m := range ix.set.SemanticModels {
		models.check(diags, m.Name, m.Fields.At("name", m.Pos))
		checkModelDuplicates(diags, m)
		for _, ms := range m.Measures {
			measures.check(diags, ms.Name, ms.Fields.At("name", ms.Pos))
		}
	}
	metrics := seen{kind: "metric"}
	for _, m := range ix.set.Metrics {
		metrics.check(diags, m.Name, m.Fields.At("name", m.Pos))
	}
}

// checkModelDuplicates reports entities and dimensions of one model that
// share a name: both are addressed as entity__name in queries.
func checkModelDuplicates(diags *diag.List, m *model.SemanticModel) {
	elems := seen{kind: "entity or dimension", where: fmt.Sprintf(" in semantic model %q", m.Name)}
	for _, e := range m.Entities {
		elems.check(diags, e.Name, e.Fields.At("name", e.Pos))
	}
	for _, d := range m.Dimensions {
		elems.check(diags, d.Name, d.Fields.At("name", d.Pos))
	}
}

// seen remembers where each name of one kind was first defined.
type seen struct {
	kind  string
	where string // " in <scope>" for names unique within one object
	first map[string]diag.Pos
}

func (s *seen) check(diags *diag.List, name string, pos diag.Pos) {
	if name == "" {
		return
	}
	if s.first == nil {
		s.first = map[string]diag.Pos{}
	}
	prev, ok := s.first[name]
	if !ok {
		s.first[name] = pos
		return
	}
	detail := fmt.Sprintf("first defined at %s; names must be unique across all definitions files", prev)
	if s.where != "" {
		detail = fmt.Sprintf("first defined at %s; entities and dimensions of one model share one namespace", prev)
	}
	diags.Add(diag.DuplicateName, pos, "duplicate %s %q%s", s.kind, name, s.where).WithDetail(detail)
}
