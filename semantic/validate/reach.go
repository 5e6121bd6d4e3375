package validate

import (
	"github.com/metricsd/metricsd/semantic/model"
)

// reachable returns the models a query can join from start, start first,
// then breadth-first. Two models relate over an entity both hold when at
// least one holds it as primary or unique. Two foreign keys to one entity
// do not relate, because that join would be many-to-many. One-to-many hops
// count too, since a dimension across one may still filter a metric.
func (ix *index) reachable(start *model.SemanticModel) []*model.SemanticModel {
	if got, ok := ix.reach[start]; ok {
		return got
	}
	seen := map[*model.SemanticModel]bool{start: true}
	out := []*model.SemanticModel{start}
	for i := 0; i < len(out); i++ {
		from := out[i]
		for _, e := range from.Entities {
			for _, to := range ix.byEntity[e.Name] {
				if seen[to] || !(isUnique(e) || isUnique(entity(to, e.Name))) {
					continue
				}
				seen[to] = true
				out = append(out, to)
			}
		}
	}
	ix.reach[start] = out
	return out
}

func isUnique(e *model.Entity) bool {
	return e != nil && (e.Type == model.EntityPrimary || e.Type == model.EntityUnique)
}
