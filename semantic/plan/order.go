package plan

import (
	"github.com/metricsd/metricsd/semantic/diag"
)

// orderBy resolves each order item to a key or a metric; a metric that is
// not selected is computed for sorting only. Keys not named are appended as
// tie-breakers so limits return the same groups on every engine.
func (b *builder) orderBy() {
	used := map[int]bool{}
	for _, o := range b.q.OrderBy {
		item := OrderItem{Name: o.Name, Key: -1, Desc: o.Desc}
		if k := b.keyIndex(o.Name); k >= 0 {
			item.Key = k
			used[k] = true
		} else if out := b.outputFor(o.Name); out != nil {
			item.Value = out.Value
		} else {
			continue
		}
		b.plan.Order = append(b.plan.Order, item)
	}
	for k, key := range b.plan.Keys {
		if !used[k] {
			b.plan.Order = append(b.plan.Order, OrderItem{Name: key.Name, Key: k})
		}
	}
}

func (b *builder) keyIndex(name string) int {
	for i, k := range b.plan.Keys {
		if k.Name == name {
			return i
		}
	}
	return -1
}

// outputFor finds a selected metric by name, or plans a hidden one.
func (b *builder) outputFor(name string) *Output {
	for _, out := range b.plan.Outputs {
		if out != nil && (out.Name == name || out.Metric.Name+"@"+itoa(out.Metric.Version) == name) {
			return out
		}
	}
	for _, out := range b.plan.Hidden {
		if out.Name == name {
			return out
		}
	}
	if met := b.m.Metric(name); met != nil && met.Pending != "" {
		b.report(diag.NotImplemented, "metric %q cannot be computed yet: %s", name, met.Pending)
		return nil
	}
	met := b.m.Metric(name)
	if met == nil {
		var names []string
		for _, k := range b.plan.Keys {
			names = append(names, k.Name)
		}
		names = append(names, b.m.MetricNames()...)
		b.diags.Add(diag.InvalidOrderBy, queryPos, "cannot order by %q: it is neither a group-by of this query nor a metric", name).
			WithSuggestions(diag.Suggest(name, names))
		return nil
	}
	out := &Output{Name: met.Name, Metric: met, Type: met.ValueType(), Value: b.metricValue(met, nil)}
	b.plan.Hidden = append(b.plan.Hidden, out)
	return out
}
