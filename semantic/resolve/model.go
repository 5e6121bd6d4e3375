// Package resolve turns a validated definitions set into an immutable
// compiled model: lookup maps by name, the join graph between semantic
// models with every dimension's join path precomputed, metrics linked to
// their measures and inputs, and CEL filters compiled once. Planning reads
// it concurrently and never changes it.
package resolve

import (
	"sort"

	"github.com/metricsd/metricsd/semantic/model"
)

// Model is the compiled form of one definitions set.
type Model struct {
	Set     *model.Set
	Tables  []*Table // in definition order
	tables  map[string]*Table
	metrics map[string]*Metric
	names   []string // metric names, sorted
	// dimNames lists every entity__dimension name some model can be grouped
	// by, sorted, for suggestions and catalogs.
	dimNames []string
	filters  *filterCache
	// metricFilters compiles conditions over metric values.
	metricFilters *filterCache
	// MetricTimeKind is the data kind of metric_time in filters: Date when
	// every aggregation time dimension is a date, else Timestamp.
	MetricTimeKind TimeKind
}

// Table is one semantic model: a table or SQL query with keys, dimensions
// and measures.
type Table struct {
	Def      *model.SemanticModel
	Name     string
	Entities map[string]*Entity
	Dims     map[string]*Dim
	DimList  []*Dim
	Measures map[string]*Measure
	AggTime  *Dim // the model's default aggregation time, may be nil
	// Reach maps entity__dimension to how this model reaches it.
	Reach map[string]*Reach
	links []Hop
}

// Relation is the table or SQL the model reads: exactly one is set.
func (t *Table) Relation() (table string, sql string) {
	return t.Def.Table, t.Def.SQL.Text
}

// Entity is a key of a table.
type Entity struct {
	Name  string
	Type  string // primary | unique | foreign
	Expr  string // SQL over the table's columns
	Table *Table
}

// Unique reports whether each row holds a distinct value of the entity.
func (e *Entity) Unique() bool {
	return e.Type == model.EntityPrimary || e.Type == model.EntityUnique
}

// Dim is a dimension of a table.
type Dim struct {
	Name     string
	Table    *Table
	Expr     string // SQL over the table's columns
	Time     bool
	Grain    string   // time only: the finest grain the column holds
	Kind     TimeKind // time only
	DataType string   // string | integer | decimal | boolean | date | timestamp
	Def      *model.Dimension
}

// Measure is an aggregation over a table's rows.
type Measure struct {
	Name       string
	Table      *Table
	Agg        string
	Expr       string // SQL over the table's columns
	Filter     *Condition
	Percentile string
	Fill       string // fill_nulls_with, "" when unset; counts fill with 0
	AggTime    *Dim
	DataType   string // integer | decimal | float
	Def        *model.Measure
}

// Table returns the semantic model with that name.
func (m *Model) Table(name string) *Table { return m.tables[name] }

// Metric returns the metric with that name, or nil.
func (m *Model) Metric(name string) *Metric { return m.metrics[name] }

// MetricNames lists every metric name, sorted.
func (m *Model) MetricNames() []string { return m.names }

// DimensionNames lists every entity__dimension name, sorted.
func (m *Model) DimensionNames() []string { return m.dimNames }

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
