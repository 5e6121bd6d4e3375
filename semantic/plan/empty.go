package plan

import (
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// keysOnlySource adds the branch that lists every value of the group-by
// dimensions, read from the model that owns the first one, so groups
// without measure rows still appear (their counts 0).
func (b *builder) keysOnlySource() {
	if len(b.groupBy) == 0 {
		return
	}
	for _, n := range b.groupBy {
		if n.Dim == query.MetricTime {
			b.diags.Add(diag.InvalidQuery, queryPos, "include_empty_dimension_values cannot list empty %s buckets", n.Text).
				WithDetail("empty time buckets need a time spine, which is not supported yet; group by categorical dimensions")
			return
		}
	}
	owner := b.ownerOf(b.groupBy[0])
	if owner == nil {
		b.diags.Add(diag.InvalidQuery, queryPos, "no model owns %q, so its values cannot be listed", b.groupBy[0].Text)
		return
	}
	b.newSource("keys:"+owner.Name, &sourceState{table: owner}, true)
}

// ownerOf is the model whose own dimension a name reads, found from any
// model that reaches it.
func (b *builder) ownerOf(n query.Name) *resolve.Table {
	for _, t := range b.m.Tables {
		if r := t.Reach[n.Key()]; r != nil && r.Dim != nil && len(r.Path) == 0 {
			return r.Dim.Table
		}
	}
	return nil
}
