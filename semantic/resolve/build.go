package resolve

import (
	"sort"
	"strings"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/semantic/query"
)

// Build compiles a definitions set that passed validation. It still reports
// what it cannot link (unknown references, unparsable expressions) so a set
// that skipped validation never yields a half-built model.
func Build(set *model.Set) (*Model, diag.List) {
	m := &Model{Set: set, tables: map[string]*Table{}, metrics: map[string]*Metric{}}
	var diags diag.List
	for _, def := range set.SemanticModels {
		t := buildTable(set, def, &diags)
		if _, dup := m.tables[t.Name]; dup {
			diags.Add(diag.DuplicateName, def.Pos, "semantic model %q is defined twice", t.Name)
			continue
		}
		m.tables[t.Name] = t
		m.Tables = append(m.Tables, t)
	}
	buildLinks(m.Tables)
	for _, t := range m.Tables {
		buildReach(t, m.Tables)
	}
	m.dimNames = dimensionNames(m.Tables)
	m.MetricTimeKind = metricTimeKind(m.Tables)
	env, err := newCELEnv(queryVars(m))
	if err != nil {
		diags.Add(diag.Internal, diag.Pos{}, "build the query filter environment: %v", err)
	}
	m.filters = &filterCache{env: env, entries: map[string]cached{}}
	b := &metricBuilder{m: m, set: set, diags: &diags, visiting: map[string]bool{}}
	for _, def := range set.Metrics {
		b.metric(def.Name)
	}
	m.names = sortedKeys(m.metrics)
	menv, err := newCELEnv(metricVars(m))
	if err != nil {
		diags.Add(diag.Internal, diag.Pos{}, "build the metric filter environment: %v", err)
	}
	m.metricFilters = &filterCache{env: menv, entries: map[string]cached{}}
	return m, diags
}

// metricVars declares every computable metric for metric filters.
func metricVars(m *Model) []Var {
	var vars []Var
	for _, name := range m.names {
		met := m.metrics[name]
		if met.Pending != "" {
			continue
		}
		t := VarDecimal
		switch met.ValueType() {
		case "integer":
			t = VarInt
		case "float":
			t = VarFloat
		}
		vars = append(vars, Var{Name: name, Type: t})
	}
	return vars
}

func buildTable(set *model.Set, def *model.SemanticModel, diags *diag.List) *Table {
	t := &Table{Def: def, Name: def.Name, Entities: map[string]*Entity{}, Dims: map[string]*Dim{}, Measures: map[string]*Measure{}}
	for _, e := range def.Entities {
		t.Entities[e.Name] = &Entity{Name: e.Name, Type: e.Type, Expr: orName(e.Expr.Text, e.Name), Table: t}
	}
	var vars []Var
	for _, d := range def.Dimensions {
		dim := &Dim{Name: d.Name, Table: t, Expr: orName(d.Expr.Text, d.Name), Def: d, DataType: d.DataType}
		if d.Type == model.DimensionTime {
			dim.Time = true
			dim.Grain = d.Grain
			if dim.Grain == "" {
				dim.Grain = "day"
			}
			dim.Kind = timeKind(set, def, d, dim.Expr)
			dim.DataType = "timestamp"
			if dim.Kind == Date {
				dim.DataType = "date"
			}
		} else if dim.DataType == "" {
			dim.DataType = "string"
		}
		t.Dims[d.Name] = dim
		t.DimList = append(t.DimList, dim)
		vars = append(vars, Var{Name: d.Name, Type: dimVarType(dim, "")})
	}
	t.AggTime = t.Dims[def.AggTimeDimension]
	env, err := newCELEnv(vars)
	if err != nil {
		diags.Add(diag.Internal, def.Pos, "build the filter environment of model %q: %v", def.Name, err)
	}
	for _, ms := range def.Measures {
		t.Measures[ms.Name] = buildMeasure(t, ms, env, diags)
	}
	return t
}

func buildMeasure(t *Table, def *model.Measure, env celEnv, diags *diag.List) *Measure {
	ms := &Measure{Name: def.Name, Table: t, Agg: def.Agg, Expr: orName(def.Expr.Text, def.Name),
		Percentile: def.Percentile, DataType: def.DataType, Def: def, AggTime: t.AggTime}
	if def.Expr.Text == "" && (def.Agg == "count" || def.Agg == "count_distinct") {
		ms.Expr = "1"
		for _, e := range t.Def.Entities {
			if e.Type == model.EntityPrimary {
				ms.Expr = t.Entities[e.Name].Expr
			}
		}
	}
	if def.Agg == "median" {
		ms.Percentile = "0.5"
	}
	if def.FillNullsWith != nil {
		ms.Fill = *def.FillNullsWith
	}
	if def.AggTimeDimension != "" {
		ms.AggTime = t.Dims[def.AggTimeDimension]
		if ms.AggTime == nil || !ms.AggTime.Time {
			diags.Add(diag.UnknownDimension, def.Fields.At("agg_time_dimension", def.Pos),
				"measure %q: agg_time_dimension %q is not a time dimension of model %q", def.Name, def.AggTimeDimension, t.Name)
		}
	}
	if !def.Filter.IsZero() {
		ms.Filter = compileInto(env, def.Filter, diags)
	}
	return ms
}

func compileInto(env celEnv, e model.Expr, diags *diag.List) *Condition {
	c, ds := compileCEL(env, e)
	*diags = append(*diags, ds...)
	if ds.HasErrors() {
		return nil
	}
	c.Text = e.Text
	return c
}

func orName(expr, name string) string {
	if expr == "" {
		return name
	}
	return expr
}

// dimVarType is the CEL type of a dimension read at a grain ("" for its own).
func dimVarType(d *Dim, grain string) VarType {
	if d.Time {
		if grain == "" {
			grain = d.Grain
		}
		if d.Kind == Date || query.GrainRank(grain) >= query.GrainRank("day") {
			return VarDate
		}
		return VarTimestamp
	}
	switch d.DataType {
	case "integer":
		return VarInt
	case "decimal":
		return VarDecimal
	case "float":
		return VarFloat
	case "boolean":
		return VarBool
	}
	return VarString
}

// dimensionNames lists every entity__dimension name a table can group by
// without fan-out.
func dimensionNames(tables []*Table) []string {
	seen := map[string]bool{}
	for _, t := range tables {
		for name, r := range t.Reach {
			if r.Dim != nil && !r.FanOut {
				seen[name] = true
			}
		}
	}
	return sortedKeys(seen)
}

func metricTimeKind(tables []*Table) TimeKind {
	for _, t := range tables {
		for _, ms := range t.Measures {
			if ms.AggTime != nil && ms.AggTime.Kind != Date {
				return Timestamp
			}
		}
	}
	return Date
}

// queryVars declares every name a query filter may read: each
// entity__dimension, each time dimension at each grain, and metric_time.
func queryVars(m *Model) []Var {
	types := map[string]VarType{}
	add := func(name string, d *Dim) {
		types[name] = dimVarType(d, "")
		if d.Time {
			for _, g := range query.Grains {
				types[name+"__"+g] = dimVarType(d, g)
			}
		}
	}
	for _, t := range m.Tables {
		for name, r := range t.Reach {
			if r.Dim != nil {
				add(name, r.Dim)
			}
			// a name qualified by a join path reads the same dimension
			for _, q := range r.Qualified {
				if via := t.Via(strings.Split(q, "__")[:strings.Count(q, "__")-1], name); via != nil && via.Dim != nil {
					add(q, via.Dim)
				}
			}
		}
	}
	mt := VarDate
	if m.MetricTimeKind != Date {
		mt = VarTimestamp
	}
	types[query.MetricTime] = mt
	for _, g := range query.Grains {
		types[query.MetricTime+"__"+g] = VarDate
	}
	types[query.MetricTime+"__hour"] = VarTimestamp
	vars := make([]Var, 0, len(types))
	for _, name := range sortedKeys(types) {
		vars = append(vars, Var{Name: name, Type: types[name]})
	}
	sort.Slice(vars, func(i, j int) bool { return vars[i].Name < vars[j].Name })
	return vars
}
