// Package model holds the definitions as written in YAML: sources, identity
// definitions, semantic models and metrics, each with the source position of
// the object and of every key. It is the loader's output and the validator's
// input; it does no checking of its own.
package model

import (
	"strings"
	"unicode/utf8"

	"github.com/metricsd/metricsd/semantic/diag"
)

// Pos is a position in a definitions file.
type Pos = diag.Pos

// Set is every object of one definitions directory.
type Set struct {
	Dir            string
	Files          []File
	Sources        []*Source
	Identities     []*Identity
	SemanticModels []*SemanticModel
	Metrics        []*Metric
}

// File is one loaded YAML file with its raw bytes, kept so diagnostics can
// show the source line.
type File struct {
	Path string // relative to Set.Dir, slash-separated
	Data []byte
}

// Fields records where each key's value starts, so a diagnostic about one
// field points at that field rather than at the whole object.
type Fields map[string]Pos

// At returns the position of key, or fallback when the key was not written.
func (f Fields) At(key string, fallback Pos) Pos {
	if p, ok := f[key]; ok {
		return p
	}
	return fallback
}

// Expr is an expression string as written in YAML (CEL or SQL) with what is
// needed to map an offset inside it back to a file position.
type Expr struct {
	Text string
	Pos  Pos // position of the scalar's first byte in the file
	// Style is the YAML scalar style: 0 plain, '\'' or '"' quoted, '|' or '>'
	// block. Quoted scalars start one column after Pos; block scalars start
	// on the next line at Indent.
	Style  byte
	Indent int
	// Spans maps text offsets to file positions when YAML folded line
	// breaks or decoded escapes, so Text differs from the bytes written.
	// The loader sets it; it is empty when the rules above suffice.
	Spans []Span
}

// Span says that Expr.Text from Offset (in code points) on was written
// contiguously from Pos on, up to the next span.
type Span struct {
	Offset int
	Pos    Pos
}

// IsZero reports whether no expression was written.
func (e Expr) IsZero() bool { return e.Text == "" }

// PosAt maps a 1-based line and character column inside Text to a file
// position. Without Spans it assumes each character of Text was written as
// one character in the file, which holds for single-line scalars without
// escapes and for literal block scalars.
func (e Expr) PosAt(line, col int) Pos {
	if len(e.Spans) > 0 {
		return e.spanPos(line, col)
	}
	p := e.Pos
	switch e.Style {
	case '|', '>':
		return Pos{File: p.File, Line: p.Line + line, Col: e.Indent + col}
	case '\'', '"':
		if line <= 1 {
			return Pos{File: p.File, Line: p.Line, Col: p.Col + col}
		}
	default:
		if line <= 1 {
			return Pos{File: p.File, Line: p.Line, Col: p.Col + col - 1}
		}
	}
	return Pos{File: p.File, Line: p.Line + line - 1, Col: col}
}

// spanPos maps a line and column through Spans: it finds the text offset
// in code points, then the last span starting at or before it.
func (e Expr) spanPos(line, col int) Pos {
	offset := 0
	rest := e.Text
	for l := 1; l < line; l++ {
		i := strings.IndexByte(rest, '\n')
		if i < 0 {
			break
		}
		offset += utf8.RuneCountInString(rest[:i+1])
		rest = rest[i+1:]
	}
	offset += col - 1
	span := e.Spans[0]
	for _, s := range e.Spans[1:] {
		if s.Offset > offset {
			break
		}
		span = s
	}
	p := span.Pos
	if offset > span.Offset {
		p.Col += offset - span.Offset
	}
	return p
}

// Source is a catalog entry: where a table of facts comes from and how fresh
// it must be.
type Source struct {
	Pos         Pos
	Fields      Fields
	Name        string
	Description string
	Owner       string
	System      string // the system of record, e.g. "google_ads", "hubspot"
	Refresh     string // the refresh cadence as a duration, e.g. "1h"
	Trust       string // authoritative | reconciled | platform_reported
	Location    Location
	Freshness   *Freshness
}

// Location is either a warehouse table or a set of files with a column
// mapping that ingest loads into Table.
type Location struct {
	Pos        Pos
	Fields     Fields
	Table      string
	Files      string // a glob, relative to the definitions directory
	Format     string // csv | ndjson
	Delimiter  string
	Header     *bool
	NullValues []string
	Columns    []Column
}

// Column maps one input field to a typed warehouse column.
type Column struct {
	Pos      Pos
	Fields   Fields
	Name     string // the warehouse column
	From     string // the input field name; defaults to Name
	Type     string // text | integer | decimal(p,s) | boolean | date | timestamp | timestamptz
	Format   string // date or timestamp layout in Go reference form, e.g. "2006-01-02 15:04:05"
	Nullable *bool
}

// Freshness is the rule for a source's age: the field that dates its rows
// and the ages at which it counts as stale.
type Freshness struct {
	Pos        Pos
	Fields     Fields
	Field      string
	WarnAfter  string
	ErrorAfter string
}

// Identity declares the identifiers that link records into one customer.
type Identity struct {
	Pos         Pos
	Fields      Fields
	Name        string
	Description string
	Identifiers []Identifier
	Carriers    []Carrier
}

// Identifier is one kind of identifier (email, phone, an external id).
type Identifier struct {
	Pos            Pos
	Fields         Fields
	Name           string
	Kind           string // email | phone | external_id
	DefaultCountry string // phones only, ISO 3166 alpha-2
	Blocklist      []string
	MaxPerCustomer int
}

// Carrier names the source columns that carry identifiers.
type Carrier struct {
	Pos            Pos
	Fields         Fields
	Source         string
	Key            string            // the record key column
	Columns        map[string]string // identifier name -> column
	DefaultCountry string
	FirstSeen      string // column holding when the record was first seen
}

// SemanticModel is a table or SQL query described by its entities,
// dimensions and measures.
type SemanticModel struct {
	Pos         Pos
	Fields      Fields
	Name        string
	Description string
	Owner       string
	Source      string
	Table       string
	SQL         Expr
	// AggTimeDimension is the time dimension measures aggregate over when
	// grouped by metric_time, unless a measure names its own.
	AggTimeDimension string
	Entities         []*Entity
	Dimensions       []*Dimension
	Measures         []*Measure
}

// Entity types.
const (
	EntityPrimary = "primary"
	EntityUnique  = "unique"
	EntityForeign = "foreign"
)

// Entity is a key of a model. Two models relate when one has an entity as
// primary or unique and the other has it as foreign.
type Entity struct {
	Pos    Pos
	Fields Fields
	Name   string
	Type   string // primary | unique | foreign
	Expr   Expr   // SQL; defaults to the entity name
}

// Dimension types.
const (
	DimensionCategorical = "categorical"
	DimensionTime        = "time"
)

// Dimension is an attribute to group or filter by.
type Dimension struct {
	Pos         Pos
	Fields      Fields
	Name        string
	Description string
	Type        string // categorical | time
	Expr        Expr   // SQL; defaults to the dimension name
	DataType    string // string | integer | decimal | boolean (categorical only); default string
	Grain       string // time only: the smallest grain the column holds
}

// Aggregations a measure may use.
var Aggregations = []string{"sum", "count", "count_distinct", "avg", "min", "max", "median", "percentile", "sum_boolean"}

// Measure is an aggregation over a model's rows.
type Measure struct {
	Pos              Pos
	Fields           Fields
	Name             string
	Description      string
	Agg              string
	Expr             Expr   // SQL; defaults to the measure name (count: the primary entity)
	Filter           Expr   // CEL over the model's own dimensions
	Percentile       string // 0 < p < 1, for agg percentile
	AggTimeDimension string
	FillNullsWith    *string // a number written as text so it stays exact
	DataType         string  // integer | decimal | float; informs result typing
}

// Metric types.
const (
	MetricSimple      = "simple"
	MetricRatio       = "ratio"
	MetricDerived     = "derived"
	MetricCumulative  = "cumulative"
	MetricConversion  = "conversion"
	MetricTimeToEvent = "time_to_event"
)

// MetricTypes lists every metric type.
var MetricTypes = []string{MetricSimple, MetricRatio, MetricDerived, MetricCumulative, MetricConversion, MetricTimeToEvent}

// Metric is a named, versioned business number. Type decides which of the
// type-specific fields apply.
type Metric struct {
	Pos         Pos
	Fields      Fields
	Name        string
	Version     int // 0 when missing
	Label       string
	Description string
	Owner       string
	Type        string
	Format      *Format
	Filter      Expr // CEL over entity__dimension names
	Guards      []Guard
	Deprecated  string // the reason; non-empty means deprecated
	ReplacedBy  string

	// FillNullsWith replaces NULL results (e.g. 0 for a count over no rows).
	FillNullsWith *string
	// JoinToTimespine makes every time bucket of the query range appear.
	JoinToTimespine bool

	// simple and cumulative
	Measure *MeasureInput

	// ratio
	Numerator   *MetricInput
	Denominator *MetricInput

	// derived
	Expr    Expr
	Metrics []*MetricInput

	// cumulative
	Window      string // e.g. "7 days"; empty with empty GrainToDate means all time
	GrainToDate string // e.g. "month"
	PeriodAgg   string // first | last | average, when the query grain is coarser than the window's base

	// conversion
	Entity             string
	BaseMeasure        *MeasureInput
	ConversionMeasure  *MeasureInput
	ConversionWindow   string
	Calculation        string // conversion_rate | conversions
	ConstantProperties []ConstantProperty

	// time_to_event
	Start     string // model.dimension of the first timestamp
	End       string // model.dimension of the second; the earliest per entity counts
	Statistic string // median | p<NN> (e.g. p90) | within_sla
	SLA       string // a duration, e.g. "5m"
}

// MeasureInput is a reference to a measure with optional settings.
type MeasureInput struct {
	Pos             Pos
	Fields          Fields
	Name            string
	Filter          Expr
	FillNullsWith   *string
	JoinToTimespine bool
}

// MetricInput is a reference to a metric used by ratio and derived metrics.
type MetricInput struct {
	Pos           Pos
	Fields        Fields
	Name          string
	Alias         string
	Filter        Expr
	OffsetWindow  string // e.g. "1 month"
	OffsetToGrain string // e.g. "month": the start of the current month
}

// ConstantProperty requires base and conversion events to agree on a
// dimension (e.g. the same product).
type ConstantProperty struct {
	Pos                Pos
	BaseProperty       string
	ConversionProperty string
}

// Format is how clients display a metric.
type Format struct {
	Pos      Pos
	Fields   Fields
	Type     string // currency | percent | duration | number
	Currency string // ISO 4217 code, for currency
	Decimals *int
	Unit     string // for duration: s | m | h | d
}

// Guard is a CEL condition evaluated in Go; when it holds, the metric is
// refused (severity error) or flagged (severity warning) with Message.
type Guard struct {
	Pos      Pos
	Fields   Fields
	When     Expr
	Severity string // error | warning
	Message  string
}
