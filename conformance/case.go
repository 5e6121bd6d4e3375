package conformance

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/metricsd/metricsd/semantic/query"
)

// Case is one folder of the corpus.
type Case struct {
	ID      string // the folder name, e.g. "BR-01"
	Dir     string
	Title   string
	Rule    string // the semantic rule or fault kind the case pins
	Tables  []Table
	Queries []QueryCase
}

// Table is a seed table: typed columns in CSV header order and its rows.
type Table struct {
	Name    string
	Columns []Column
	// Rows holds the CSV fields; a nil field is NULL (an empty CSV field).
	Rows [][]*string
}

// Column is a seed column with its declared type (see sqlType).
type Column struct {
	Name string
	Type string
}

// QueryCase is one query of a case with what it must return.
type QueryCase struct {
	Name     string
	Query    query.Query
	Expected Expected
	// Pending names a feature the engine may not implement yet. Only while
	// the engine reports a not-implemented diagnostic for this query is it
	// skipped; any other outcome is checked as usual.
	Pending string
	// Reference maps a dialect ("" for all) to hand-written SQL that must
	// return the expected rows too.
	Reference map[string]string
}

// Expected is either result rows or the code of the diagnostic the engine
// must reject the query with.
type Expected struct {
	Columns []string
	// Rows are YAML values: nil is NULL, an integer or a quoted number is
	// an exact decimal, a float compares within FloatTolerance, other
	// strings compare as text (dates as YYYY-MM-DD).
	Rows    [][]any
	Ordered bool
	// Diagnostic is the stable diagnostic code for an expected rejection.
	Diagnostic string
}

// caseFile is the layout of case.yaml.
type caseFile struct {
	Title   string               `yaml:"title"`
	Rule    string               `yaml:"rule"`
	Tables  map[string]tableFile `yaml:"tables"`
	Queries []queryFile          `yaml:"queries"`
}

type tableFile struct {
	File    string            `yaml:"file"`
	Columns map[string]string `yaml:"columns"`
}

type queryFile struct {
	Name     string       `yaml:"name"`
	Query    query.Query  `yaml:"query"`
	Expected expectedFile `yaml:"expected"`
	Pending  string       `yaml:"pending"`
}

type expectedFile struct {
	Columns    []string `yaml:"columns"`
	Rows       [][]any  `yaml:"rows"`
	Ordered    *bool    `yaml:"ordered"`
	Diagnostic string   `yaml:"diagnostic"`
}

var namePattern = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// LoadCases loads every case folder under dir, sorted by folder name.
func LoadCases(dir string) ([]*Case, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read corpus directory: %w", err)
	}
	var cases []*Case
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		c, err := LoadCase(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		cases = append(cases, c)
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].ID < cases[j].ID })
	return cases, nil
}

// LoadCase reads one case folder and checks that it is complete: every
// table has a CSV whose header matches its declared columns, every query
// expects either rows or a diagnostic, and every row has one value per
// expected column.
func LoadCase(dir string) (*Case, error) {
	id := filepath.Base(dir)
	data, err := os.ReadFile(filepath.Join(dir, "case.yaml"))
	if err != nil {
		return nil, fmt.Errorf("case %s: %w", id, err)
	}
	var f caseFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("case %s: case.yaml: %w", id, err)
	}
	c := &Case{ID: id, Dir: dir, Title: f.Title, Rule: f.Rule}
	if err := c.loadTables(f.Tables); err != nil {
		return nil, fmt.Errorf("case %s: %w", id, err)
	}
	for _, qf := range f.Queries {
		q, err := c.loadQuery(qf)
		if err != nil {
			return nil, fmt.Errorf("case %s: query %q: %w", id, qf.Name, err)
		}
		c.Queries = append(c.Queries, q)
	}
	if len(c.Queries) == 0 {
		return nil, fmt.Errorf("case %s: no queries", id)
	}
	return c, nil
}

func (c *Case) loadTables(files map[string]tableFile) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		tf := files[name]
		if !namePattern.MatchString(name) {
			return fmt.Errorf("table name %q must be lower_snake_case", name)
		}
		file := tf.File
		if file == "" {
			file = filepath.Join("data", name+".csv")
		}
		t, err := readTable(name, filepath.Join(c.Dir, file), tf.Columns)
		if err != nil {
			return err
		}
		c.Tables = append(c.Tables, t)
	}
	return nil
}

func (c *Case) loadQuery(qf queryFile) (QueryCase, error) {
	if !namePattern.MatchString(qf.Name) {
		return QueryCase{}, fmt.Errorf("query name must be lower_snake_case")
	}
	e := qf.Expected
	q := QueryCase{
		Name:  qf.Name,
		Query: qf.Query,
		Expected: Expected{
			Columns:    e.Columns,
			Rows:       e.Rows,
			Ordered:    e.Ordered == nil || *e.Ordered,
			Diagnostic: e.Diagnostic,
		},
		Pending: qf.Pending,
	}
	if err := q.check(); err != nil {
		return q, err
	}
	if q.Expected.Diagnostic != "" {
		return q, nil
	}

	ref, err := readReference(c.Dir, qf.Name)
	if err != nil {
		return q, err
	}
	q.Reference = ref
	return q, nil
}

// check rejects a query whose expectation cannot be judged reliably.
func (q QueryCase) check() error {
	e := q.Expected
	if len(q.Query.Metrics) == 0 {
		return fmt.Errorf("query.metrics is empty")
	}
	if e.Diagnostic != "" {
		if len(e.Columns) > 0 || len(e.Rows) > 0 {
			return fmt.Errorf("expected has both a diagnostic and rows; keep one")
		}
		return nil
	}

	if len(e.Columns) == 0 {
		return fmt.Errorf("expected.columns is empty; list the result columns or set expected.diagnostic")
	}
	for i, row := range e.Rows {
		if len(row) != len(e.Columns) {
			return fmt.Errorf("expected row %d has %d values for %d columns", i+1, len(row), len(e.Columns))
		}
	}
	if e.Ordered && len(e.Rows) > 1 && len(q.Query.OrderBy) == 0 {
		// SQL returns unordered rows in any order, so such a case would pass
		// or fail by chance.
		return fmt.Errorf("expected rows are ordered but the query has no order_by; add order_by or set expected.ordered: false")
	}
	return nil
}

// readReference reads reference/<query>.sql (any dialect) and
// reference/<query>.<dialect>.sql (one dialect, taking precedence).
func readReference(dir, query string) (map[string]string, error) {
	ref := map[string]string{}
	for _, dialect := range []string{"", DuckDB, Postgres} {
		name := query + ".sql"
		if dialect != "" {
			name = query + "." + dialect + ".sql"
		}
		data, err := os.ReadFile(filepath.Join(dir, "reference", name))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read reference SQL: %w", err)
		}
		ref[dialect] = strings.TrimSpace(string(data))
	}
	return ref, nil
}

// ReferenceSQL returns the reference SQL for a dialect, or "" when the case
// has none.
func (q QueryCase) ReferenceSQL(dialect string) string {
	if s, ok := q.Reference[dialect]; ok {
		return s
	}
	return q.Reference[""]
}
