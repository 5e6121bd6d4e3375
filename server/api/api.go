// Package api is the contract between the HTTP front ends (GraphQL and the
// spreadsheet endpoints) and the service that compiles and runs queries. It
// holds plain data types only, so the GraphQL resolvers depend on neither the
// semantic engine nor a database driver.
package api

import (
	"context"
	"time"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

// Service is the query and catalog interface every front end calls.
// Implementations read one definitions set per request: the one pinned in
// ctx when the server pinned one, else the one serving at the time of the
// call.
type Service interface {
	Metrics(ctx context.Context) ([]Metric, error)
	// Dimensions returns the dimensions every named metric can be grouped
	// by; with no metrics, every dimension.
	Dimensions(ctx context.Context, metrics []string) ([]Dimension, error)
	Sources(ctx context.Context) ([]Source, error)
	Query(ctx context.Context, r Request) (*Result, error)
	Compile(ctx context.Context, r Request) (*Compiled, error)
	Status(ctx context.Context) Status
}

// Request is one query in the shared query model.
type Request struct {
	Metrics                     []string
	GroupBy                     []string
	Where                       string // CEL over group-by names
	Filters                     []Filter
	TimeRange                   *TimeRange
	TimeZone                    string
	WeekStart                   string
	FiscalYearStartMonth        int
	OrderBy                     []Order
	Limit                       int // rows per page; 0 means the front end's default
	Offset                      int
	IncludeEmptyDimensionValues bool
}

// Filter operators for structured filters.
const (
	OpEq         = "EQ"
	OpNe         = "NE"
	OpLt         = "LT"
	OpLe         = "LE"
	OpGt         = "GT"
	OpGe         = "GE"
	OpIn         = "IN"
	OpNotIn      = "NOT_IN"
	OpIsNull     = "IS_NULL"
	OpIsNotNull  = "IS_NOT_NULL"
	OpStartsWith = "STARTS_WITH"
	OpEndsWith   = "ENDS_WITH"
	OpContains   = "CONTAINS"
)

// Filter is a structured condition on one dimension. Values are text and
// are parsed by the dimension's data type.
type Filter struct {
	Dimension string
	Op        string
	Values    []string
}

// TimeRange is a half-open range [Start, End) on metric_time.
type TimeRange struct{ Start, End string }

// Order sorts by a metric or a group-by name.
type Order struct {
	Name string
	Desc bool
}

// Column kinds.
const (
	KindMetric    = "metric"
	KindDimension = "dimension"
)

// Column describes one result column.
type Column struct {
	Name    string
	Kind    string // metric | dimension
	Type    string // string | integer | decimal | float | boolean | date | timestamp
	Metric  string // metric columns only
	Version int    // metric columns only
	Format  *model.Format
}

// Result is one page of query results. Row values are nil, string, int64,
// *apd.Decimal, float64, bool or time.Time.
type Result struct {
	QueryID            string
	Dialect            string
	Columns            []Column
	Rows               [][]any
	Limit, Offset      int
	HasMore            bool
	DefinitionsVersion string
	// Warnings holds the compiler's warnings and the GUARD_WARNING
	// findings of the requested metrics.
	Warnings diag.List
	// Sources lists the sources the query read, by name, with their
	// freshness when the query ran.
	Sources []SourceFreshness
}

// Compiled is a query rendered to SQL for the serving warehouse.
type Compiled struct {
	Dialect            string
	SQL                string
	Args               []any
	Plan               string
	Columns            []Column
	DefinitionsVersion string
	Warnings           diag.List
}

// Status reports the serving definitions set and the last load attempt.
type Status struct {
	Version       string
	LoadedAt      time.Time
	Dir           string
	Metrics       int
	LastLoadOK    bool
	LastAttemptAt time.Time
	// Diagnostics of the last attempt: its errors when it failed, else its
	// warnings.
	Diagnostics diag.List
}

// Metric is a catalog entry for one metric.
type Metric struct {
	Name        string
	Version     int
	Type        string
	Label       string
	Description string
	Owner       string
	Format      *model.Format
	Deprecated  string
	ReplacedBy  string
}

// Dimension is a catalog entry for one dimension, named as groupBy takes it.
type Dimension struct {
	Name        string
	Type        string // categorical | time
	DataType    string // string | integer | decimal | float | boolean | date | timestamp
	Grain       string // time dimensions: the finest grain
	Description string
}

// Source is a catalog entry for one data source.
type Source struct {
	Name        string
	Description string
	Owner       string
	System      string
	Refresh     string
	Trust       string
	Table       string
	// Files is the glob of exported files the source is loaded from, empty
	// when another system writes its table.
	Files string
	// FreshnessField, WarnAfter and ErrorAfter are the source's freshness
	// rule as written; empty without a rule.
	FreshnessField string
	WarnAfter      string
	ErrorAfter     string
	Freshness      Freshness
	// Schedule is this process's scheduled loading of the source; nil when
	// it does not schedule the source (no files or refresh, scheduling
	// off, or another replica leads).
	Schedule *LoadSchedule
}

// LoadSchedule is what this process's scheduler did with one source.
type LoadSchedule struct {
	// Next is when the source is due; zero while the process does not
	// lead.
	Next time.Time
	// Loads counts the load attempts of this process, failed ones
	// included.
	Loads    int
	Failures int
	// LastAttempt is when the newest attempt started; zero before the
	// first.
	LastAttempt time.Time
	// LastError is the newest attempt's error; empty when it succeeded.
	LastError string
}

// SourceFreshness is one source a query read, with its freshness.
type SourceFreshness struct {
	Name      string
	Freshness Freshness
}

// Freshness states, as the catalog computes them, plus StatusUnknown.
const (
	StatusOK        = "ok"
	StatusWarn      = "warn"
	StatusError     = "error"
	StatusUnchecked = "unchecked" // the source has no freshness rule
	// StatusUnknown is a source whose freshness could not be computed,
	// for example because the warehouse failed.
	StatusUnknown = "unknown"
)

// Freshness is a source's computed freshness and its last load.
type Freshness struct {
	// Status is ok, warn, error, unchecked or unknown.
	Status string
	// Newest is the newest value of the freshness field; nil when the
	// source has no rule, its table is missing or has no value.
	Newest *time.Time
	// Age is the query time minus Newest; nil when Newest is nil.
	Age *time.Duration
	// Reason explains a warn, error or unknown status in a sentence.
	Reason string
	// LastLoad is when ingest last wrote the source; nil when it never
	// did (its table may still be written by another system).
	LastLoad *time.Time
	// LoadID identifies that load in the ingest ledger.
	LoadID string
}
