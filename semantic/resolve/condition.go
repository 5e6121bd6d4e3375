package resolve

import (
	"sync"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

// Condition is a CEL filter compiled once: the names it reads and a program
// that writes it as SQL with bind parameters.
type Condition struct {
	Text  string
	Names []string
	prog  sqlProgram
}

// SQLWriter is the renderer's side of writing a condition: the SQL for each
// name it reads, a placeholder for each value, and the target dialect.
type SQLWriter interface {
	Column(name string) (string, error)
	Bind(v any) string
	Dialect() string
}

type sqlProgram interface {
	writeSQL(w SQLWriter) (string, error)
}

// WriteSQL renders the condition; every literal becomes a bind parameter.
func (c *Condition) WriteSQL(w SQLWriter) (string, error) { return c.prog.writeSQL(w) }

// VarType is the type of a name a condition may read.
type VarType int

const (
	VarString VarType = iota
	VarInt
	VarDecimal
	VarFloat
	VarBool
	VarTimestamp
	VarDate
)

// Var is a name a condition may read.
type Var struct {
	Name string
	Type VarType
}

// filterCache keeps query filters compiled against the model's query
// environment, so a dashboard repeating a query pays for CEL once. It is
// bounded: when full it starts over.
type filterCache struct {
	mu      sync.Mutex
	env     celEnv
	entries map[string]cached
}

type cached struct {
	cond  *Condition
	diags diag.List
}

const filterCacheSize = 1024

func (c *filterCache) compile(text string) (*Condition, diag.List) {
	c.mu.Lock()
	e, ok := c.entries[text]
	c.mu.Unlock()
	if ok {
		return e.cond, e.diags
	}
	cond, diags := compileCEL(c.env, model.Expr{Text: text, Pos: diag.Pos{File: "query", Line: 1, Col: 1}})
	c.mu.Lock()
	if len(c.entries) >= filterCacheSize {
		c.entries = map[string]cached{}
	}
	c.entries[text] = cached{cond, diags}
	c.mu.Unlock()
	return cond, diags
}

// QueryFilter compiles CEL over group-by style names (the query `where`
// and metric filters), caching the result.
func (m *Model) QueryFilter(text string) (*Condition, diag.List) {
	return m.filters.compile(text)
}

// MetricFilter compiles CEL over metric names (a query's metric filters),
// caching the result.
func (m *Model) MetricFilter(text string) (*Condition, diag.List) {
	return m.metricFilters.compile(text)
}
