package semantic

import (
	"errors"
	"sort"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/semantic/plan"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/semantic/render"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// Model is a compiled definitions set, safe for concurrent use.
type Model struct {
	r *resolve.Model
}

// Compiled is a query ready to run: its SQL, the bind arguments in
// placeholder order, the result columns and the plan that produced it.
type Compiled struct {
	SQL      string
	Args     []any
	Columns  []Column
	Plan     string
	Warnings diag.List
}

// Column describes one result column.
type Column struct {
	Name    string
	Kind    string // dimension | metric
	Type    string // string | integer | decimal | float | boolean | date | timestamp
	Metric  string // metric columns: the metric name
	Version int    // metric columns: the definitions version
	Format  *model.Format
}

// Build validates a definitions set and compiles it. The model is nil when
// any diagnostic is an error.
func Build(set *model.Set) (*Model, diag.List) {
	diags := validateSet(set)
	if diags.HasErrors() {
		return nil, diags
	}
	r, rd := resolve.Build(set)
	diags = append(diags, rd...)
	diags.Sort()
	if diags.HasErrors() {
		return nil, diags
	}
	return &Model{r: r}, diags
}

// Compile plans q and renders it for dialect ("duckdb" or "postgres").
// Compiled is nil when any diagnostic is an error; warnings come back in
// Compiled.Warnings as well.
func Compile(m *Model, q query.Query, dialect string) (*Compiled, diag.List) {
	d := render.ByName(dialect)
	if d == nil {
		var diags diag.List
		diags.Add(diag.UnsupportedDialect, diag.Pos{File: "query"}, "unknown dialect %q", dialect).
			WithSuggestions(render.Names)
		return nil, diags
	}
	p, diags := plan.Build(m.r, q)
	if diags.HasErrors() {
		return nil, diags
	}
	return compileWith(p, d, diags)
}

// compileWith renders a plan for a dialect, mapping a feature the dialect
// lacks to UNSUPPORTED_FEATURE.
func compileWith(p *plan.Plan, d render.Dialect, diags diag.List) (*Compiled, diag.List) {
	dialect := d.Name()
	sql, args, err := render.Render(p, d)
	var unsupported *render.UnsupportedError
	if errors.As(err, &unsupported) {
		diags.Add(diag.UnsupportedDialect, diag.Pos{File: "query"}, "%v", err).
			WithDetail("run the query on a warehouse whose dialect supports it, or leave out the part that needs it")
		return nil, diags
	}
	if err != nil {
		diags.Add(diag.Internal, diag.Pos{File: "query"}, "render %s SQL: %v", dialect, err)
		return nil, diags
	}
	return &Compiled{SQL: sql, Args: args, Columns: columns(p), Plan: p.Describe(), Warnings: diags}, diags
}

func columns(p *plan.Plan) []Column {
	var out []Column
	for _, k := range p.Keys {
		out = append(out, Column{Name: k.Name, Kind: "dimension", Type: k.Type})
	}
	for _, o := range p.Outputs {
		out = append(out, Column{Name: o.Name, Kind: "metric", Type: o.Type, Metric: o.Metric.Name,
			Version: o.Metric.Version, Format: o.Metric.Def.Format})
	}
	return out
}

// Metrics lists the queryable metrics' definitions, sorted by name.
func (m *Model) Metrics() []*model.Metric {
	var out []*model.Metric
	for _, name := range m.r.MetricNames() {
		out = append(out, m.r.Metric(name).Def)
	}
	return out
}

// Dimension is a name a query may group or filter by.
type Dimension struct {
	Name        string // entity__dimension, or metric_time
	Type        string // categorical | time
	DataType    string
	Grain       string // time: the finest grain it holds
	Description string
}

// Dimensions lists the names every given metric can be grouped by (all
// dimensions when metrics is empty), sorted. Unknown metrics are reported.
func (m *Model) Dimensions(metrics []string) ([]Dimension, diag.List) {
	var diags diag.List
	var tables []*resolve.Table
	for _, name := range metrics {
		met := m.r.Metric(name)
		if met == nil {
			diags.Add(diag.UnknownMetric, diag.Pos{File: "query"}, "unknown metric %q", name).
				WithSuggestions(diag.Suggest(name, m.r.MetricNames()))
			continue
		}
		tables = append(tables, metricTables(met)...)
	}
	if len(metrics) == 0 {
		tables = m.r.Tables
	}
	dims := map[string]*resolve.Dim{}
	counts := map[string]int{}
	for _, t := range uniqueTables(tables) {
		for name, r := range t.Reach {
			if r.Dim != nil && !r.FanOut {
				dims[name] = r.Dim
				counts[name]++
			}
		}
	}
	var out []Dimension
	need := len(uniqueTables(tables))
	if len(metrics) == 0 {
		need = 1
	}
	for name, d := range dims {
		if counts[name] < need {
			continue
		}
		out = append(out, dimensionInfo(name, d))
	}
	out = append(out, Dimension{Name: query.MetricTime, Type: "time", DataType: m.r.MetricTimeKind.String(), Grain: "day"})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, diags
}

func dimensionInfo(name string, d *resolve.Dim) Dimension {
	info := Dimension{Name: name, Type: "categorical", DataType: d.DataType, Description: d.Def.Description}
	if d.Time {
		info.Type, info.Grain = "time", d.Grain
	}
	return info
}

// metricTables lists the models whose measures a metric reads.
func metricTables(m *resolve.Metric) []*resolve.Table {
	switch {
	case m.Measure != nil:
		return []*resolve.Table{m.Measure.Measure.Table}
	case m.Numerator != nil:
		return append(metricTables(m.Numerator.Metric), metricTables(m.Denominator.Metric)...)
	}
	var out []*resolve.Table
	for _, in := range m.Inputs {
		out = append(out, metricTables(in.Metric)...)
	}
	return out
}

func uniqueTables(ts []*resolve.Table) []*resolve.Table {
	seen := map[*resolve.Table]bool{}
	var out []*resolve.Table
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
