package plan

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// builder carries one query's planning state.
type builder struct {
	m       *resolve.Model
	q       query.Query
	set     settings
	diags   diag.List
	plan    *Plan
	groupBy []query.Name
	where   *resolve.Condition
	sources map[string]*Source
	states  map[*Source]*sourceState
	aggs    map[string]*AggValue // dedupe: source alias + measure + filters
	nextAgg int
	failed  map[string]bool // diagnostics already reported, by text
}

// Build plans q against m. A plan is returned only when there are no error
// diagnostics; warnings may accompany it.
func Build(m *resolve.Model, q query.Query) (*Plan, diag.List) {
	b := &builder{m: m, q: q, plan: &Plan{Limit: q.Limit, Offset: q.Offset},
		sources: map[string]*Source{}, states: map[*Source]*sourceState{},
		aggs: map[string]*AggValue{}, failed: map[string]bool{}}
	b.set = readSettings(q, &b.diags)
	b.plan.TimeZone = b.set.zone
	if len(q.Metrics) == 0 {
		b.diags.Add(diag.InvalidQuery, queryPos, "a query needs at least one metric")
	}
	metrics := b.metrics()
	b.groupBys()
	if q.Where != "" {
		c, ds := m.QueryFilter(q.Where)
		b.diags = append(b.diags, ds...)
		b.where = c
	}
	if b.diags.HasErrors() {
		return nil, b.diags
	}
	for i, met := range metrics {
		out := &Output{Name: met.Name, Metric: met, Type: met.ValueType()}
		out.Value = b.metricValue(met, nil)
		if i < len(b.plan.Outputs) {
			b.plan.Outputs[i] = out
		}
	}
	b.metricFilters()
	b.orderBy()
	if q.IncludeEmptyDimensionValues {
		b.keysOnlySource()
	}
	b.finishScopes()
	if b.diags.HasErrors() {
		return nil, b.diags
	}
	return b.plan, b.diags
}

// metricFilters plans each metric filter over the metrics it names,
// computing those not selected.
func (b *builder) metricFilters() {
	for _, text := range b.q.MetricFilters {
		c, ds := b.m.MetricFilter(text)
		b.diags = append(b.diags, ds...)
		if c == nil {
			continue
		}
		cond := &Cond{Text: text, CEL: c, Values: map[string]Value{}}
		for _, name := range c.Names {
			if out := b.outputFor(name); out != nil {
				cond.Values[name] = out.Value
			}
		}
		b.plan.Having = append(b.plan.Having, cond)
	}
}

// metrics resolves each requested metric, pinned versions included.
func (b *builder) metrics() []*resolve.Metric {
	var out []*resolve.Metric
	seen := map[string]bool{}
	for _, name := range b.q.Metrics {
		met := b.lookupMetric(name)
		if met == nil {
			continue
		}
		if seen[met.Name] {
			b.diags.Add(diag.InvalidQuery, queryPos, "metric %q is requested twice", met.Name)
			continue
		}
		seen[met.Name] = true
		out = append(out, met)
		b.plan.Outputs = append(b.plan.Outputs, nil)
	}
	return out
}

func (b *builder) lookupMetric(text string) *resolve.Metric {
	name, ver, pinned := strings.Cut(text, "@")
	met := b.m.Metric(name)
	if met == nil {
		b.diags.Add(diag.UnknownMetric, queryPos, "unknown metric %q", name).
			WithSuggestions(diag.Suggest(name, b.m.MetricNames()))
		return nil
	}
	if met.Pending != "" {
		b.diags.Add(diag.NotImplemented, queryPos, "metric %q cannot be computed yet: %s", name, met.Pending)
		return nil
	}
	if pinned {
		v, err := strconv.Atoi(ver)
		if err != nil || v != met.Version {
			b.diags.Add(diag.UnknownVersion, queryPos, "metric %q has no version %q; the defined version is %d", name, ver, met.Version).
				WithSuggestions([]string{name + "@" + strconv.Itoa(met.Version)})
			return nil
		}
	}
	if met.Def.Deprecated != "" {
		d := b.diags.Warn(diag.DeprecatedMetric, queryPos, "metric %q is deprecated: %s", name, met.Def.Deprecated)
		if met.Def.ReplacedBy != "" {
			d.WithSuggestions([]string{met.Def.ReplacedBy})
		}
	}
	return met
}

// groupBys parses every group-by name and checks that some model has it.
func (b *builder) groupBys() {
	seen := map[string]bool{}
	for i, text := range b.q.GroupBy {
		n, ok := query.ParseName(text)
		if !ok || seen[text] {
			if seen[text] {
				b.diags.Add(diag.InvalidQuery, queryPos, "group-by %q is written twice", text)
			} else {
				b.unknownDimension(text)
			}
			continue
		}
		seen[text] = true
		typ, ok := b.nameType(n)
		if !ok {
			continue
		}
		b.groupBy = append(b.groupBy, n)
		b.plan.Keys = append(b.plan.Keys, Key{Name: text, Alias: "k" + strconv.Itoa(i), Type: typ})
	}
}

// nameType checks a parsed name against the model and returns its type.
func (b *builder) nameType(n query.Name) (string, bool) {
	if n.Grain != "" && query.GrainRank(n.Grain) < query.GrainRank("hour") {
		b.diags.Add(diag.InvalidGrain, queryPos, "unknown grain %q in %q", n.Grain, n.Text).
			WithSuggestions(diag.Suggest(n.Grain, query.Grains))
		return "", false
	}
	if n.Dim == query.MetricTime {
		return grainType(n.Grain, b.m.MetricTimeKind), true
	}
	for _, t := range b.m.Tables {
		if r := t.Reach[n.Key()]; r != nil && r.Dim != nil {
			d := r.Dim
			if !d.Time {
				if n.Grain != "" {
					b.diags.Add(diag.InvalidGrain, queryPos, "%q is not a time dimension, so it takes no grain", n.Key())
					return "", false
				}
				return d.DataType, true
			}
			grain := n.Grain
			if grain == "" {
				grain = d.Grain
			}
			if query.GrainRank(grain) < query.GrainRank(d.Grain) {
				b.diags.Add(diag.InvalidGrain, queryPos, "%q holds values at %s grain; %s is finer", n.Key(), d.Grain, grain)
				return "", false
			}
			return grainType(grain, d.Kind), true
		}
	}
	b.unknownDimension(n.Text)
	return "", false
}

func grainType(grain string, kind resolve.TimeKind) string {
	if kind == resolve.Date || (grain != "" && query.GrainRank(grain) >= query.GrainRank("day")) {
		return "date"
	}
	return "timestamp"
}

func (b *builder) unknownDimension(text string) {
	names := append([]string{query.MetricTime}, b.m.DimensionNames()...)
	b.diags.Add(diag.UnknownDimension, queryPos, "unknown dimension %q", text).
		WithDetail("write entity__dimension, entity__time_dimension__grain or metric_time__grain").
		WithSuggestions(diag.Suggest(text, names))
}

// report adds an error once per distinct summary: a join problem on one
// dimension would otherwise repeat for every measure.
func (b *builder) report(code diag.Code, format string, args ...any) *diag.Diagnostic {
	d := diag.Diagnostic{Code: code}
	text := string(code) + " " + fmt.Sprintf(format, args...)
	if b.failed[text] {
		return &d
	}
	b.failed[text] = true
	return b.diags.Add(code, queryPos, format, args...)
}
