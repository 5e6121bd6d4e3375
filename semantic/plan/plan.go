// Package plan turns a query against a resolved model into a plan. A plan
// has one aggregation per semantic model, so each measure is aggregated at
// its own grain. The aggregations are merged on the group-by keys, and the
// metric arithmetic runs over the merged row. Plans are plain data: the
// renderer writes them as SQL for a dialect, and Describe writes them for
// people.
package plan

import "github.com/metricsd/metricsd/semantic/resolve"

// Plan is a compiled query. Nothing in it changes after Build returns.
type Plan struct {
	Sources []*Source
	Keys    []Key     // group-by outputs, in query order
	Outputs []*Output // selected metrics, in query order
	Hidden  []*Output // metrics computed only to order by
	// Having keeps the final groups whose metric values meet every
	// condition.
	Having []*Cond
	Order  []OrderItem
	Limit  int
	Offset int
	// TimeZone is the IANA zone buckets are local to.
	TimeZone string
}

// Merged reports whether rows of several sources are merged on the keys.
func (p *Plan) Merged() bool { return len(p.Sources) > 1 }

// Key is one group-by column of the result.
type Key struct {
	Name  string // as the query wrote it
	Alias string // k0, k1, ... inside the SQL
	Type  string // string | integer | decimal | boolean | date | timestamp
}

// Output is one metric column.
type Output struct {
	Name   string
	Metric *resolve.Metric
	Value  Value
	Type   string
}

// OrderItem sorts by a key (Key >= 0) or a metric value.
type OrderItem struct {
	Name  string
	Key   int // index into Keys, or -1
	Value Value
	Desc  bool
}

// Source aggregates the rows of one semantic model to the query's keys.
type Source struct {
	Alias string // agg0, agg1, ...
	Scope Scope
	Keys  []Column // one per plan key
	Aggs  []*Agg
	Where []*Cond
	// KeysOnly marks the branch that lists every dimension value when the
	// query includes empty dimension values: it has keys and no aggregates.
	KeysOnly bool
	// Custom, when set, makes this a source computed from a time spine or
	// events matched per entity; Scope, Keys and Where are then unused and
	// each Agg is only an alias.
	Custom Custom
}

// Scope is a FROM clause: a root relation and many-to-one joins from it.
type Scope struct {
	Root  *Relation
	Joins []*Join
}

// Relation reads one semantic model, projecting only the columns the query
// uses, each computed from the definitions' SQL inside the model's own scope.
type Relation struct {
	Alias   string
	Table   *resolve.Table
	Columns []Projection
	// Earliest, when set, reduces the relation to one row per entity value
	// with the minimum of a time column (a time-to-event end).
	Earliest *Earliest
}

// Projection is one column of a relation: the definitions' expression (a
// column name or SQL) and its alias.
type Projection struct {
	Alias string
	Expr  string
}

// Join attaches a relation whose key equals a column already in scope.
type Join struct {
	Rel   *Relation
	On    ColRef // the joined relation's entity column
	Outer ColRef // the column it equals
	Hop   resolve.Hop
}

// ColRef names a projected column of a relation.
type ColRef struct {
	Rel string
	Col string
}

// Column is a dimension value as the query reads it: a projected column,
// converted to local time and truncated to a grain for time dimensions.
type Column struct {
	Ref  ColRef
	Time *TimeSpec
}

// TimeSpec says how to read a time column.
type TimeSpec struct {
	Kind resolve.TimeKind
	// Grain truncates to a bucket start; empty reads the local value.
	Grain string
	// WeekStart is the first day of a week, 0 for Monday through 6 for
	// Sunday. FiscalStart is the first month of a fiscal year (1 to 12).
	WeekStart   int
	FiscalStart int
}

// Agg is one aggregate column of a source.
type Agg struct {
	Alias   string // a0, a1, ...
	Measure *resolve.Measure
	Arg     ColRef
	Conds   []*Cond // rows outside any of these do not count
	// Lag, when set, makes this a time-to-event statistic; Measure and Arg
	// are then unused.
	Lag *Lag
}

// Cond is a row filter: a compiled CEL condition with the column each of
// its names reads, or a time range.
type Cond struct {
	Text    string
	CEL     *resolve.Condition
	Columns map[string]Column
	// Exists is set when the condition reads a dimension across a
	// one-to-many hop. The condition then holds when it holds for at least
	// one related row, or, for a row with no related rows, when it holds
	// with the related columns NULL: what a LEFT JOIN would give, without
	// repeating the row.
	Exists *Exists
	// NullTypes maps each name read through Exists to the SQL type of its
	// NULL stand-in (TEXT, BIGINT, NUMERIC, BOOLEAN, DATE, TIMESTAMP).
	NullTypes map[string]string
	Range     *Range
	// Converts, when set, makes this a conversion condition; CEL and
	// Columns are then unused.
	Converts *Conversion
	// Values maps each name of a metric filter to the metric it reads.
	Values map[string]Value
}

// Exists is the scope of related rows a condition is evaluated in.
type Exists struct {
	Scope Scope
	Inner ColRef // the related relation's entity column
	Outer ColRef // the outer column it equals, a unique key of OuterRel
	// OuterRel is the relation holding Outer. When the condition reads no
	// other relation of the source's scope (OuterOnly), it is evaluated
	// once over OuterRel LEFT JOIN the related rows, and rows are kept by
	// key, which engines run as a hash join rather than per row.
	OuterRel  *Relation
	OuterOnly bool
}

// Range keeps a time column within [Start, End); either bound may be empty.
// Bounds are already converted to the column's kind: local dates for date
// columns, UTC instants for timestamps.
type Range struct {
	Col   ColRef
	Kind  resolve.TimeKind
	Start string
	End   string
}

// Value is metric arithmetic over the merged row.
type Value interface{ value() }

// AggValue reads an aggregate column; Fill replaces NULL (a count over no
// rows is 0).
type AggValue struct {
	Alias string
	Fill  string
}

// Const is a number written in a derived metric.
type Const struct{ Text string }

// Arith applies + - * or /; division is in floating point and yields NULL
// for a zero divisor.
type Arith struct {
	Op   byte
	L, R Value
}

// Neg negates a value.
type Neg struct{ X Value }

// Fill replaces a NULL metric value.
type Fill struct {
	X    Value
	With string
}

func (*AggValue) value() {}
func (*Const) value()    {}
func (*Arith) value()    {}
func (*Neg) value()      {}
func (*Fill) value()     {}
