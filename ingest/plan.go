package ingest

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/metricsd/metricsd/semantic/model"
)

// Formats a location may declare.
const (
	FormatCSV    = "csv"
	FormatNDJSON = "ndjson"
)

// plan is a source's file location checked and ready to load.
type plan struct {
	source    string
	table     tableName
	format    string
	delimiter rune
	header    bool
	nulls     map[string]bool
	columns   []*column
}

// column is one declared column with its parsed type and layouts.
type column struct {
	name     string // warehouse column
	from     string // input field name
	typ      ColumnType
	layouts  []string
	nullable bool
	index    int // CSV field index, set once the header is read
}

var identPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// tableName is a table with an optional schema.
type tableName struct {
	schema, name string
}

func parseTableName(s string) (tableName, error) {
	parts := strings.Split(s, ".")
	if len(parts) > 2 {
		return tableName{}, fmt.Errorf("invalid table %q: write table or schema.table", s)
	}
	for _, p := range parts {
		if !identPattern.MatchString(p) {
			return tableName{}, fmt.Errorf("invalid table %q: %q is not a plain identifier (letters, digits, underscore)", s, p)
		}
	}
	if len(parts) == 2 {
		return tableName{schema: parts[0], name: parts[1]}, nil
	}
	return tableName{name: parts[0]}, nil
}

// SQL returns the quoted table name.
func (t tableName) SQL() string {
	if t.schema != "" {
		return quoteIdent(t.schema) + "." + quoteIdent(t.name)
	}
	return quoteIdent(t.name)
}

func (t tableName) String() string {
	if t.schema != "" {
		return t.schema + "." + t.name
	}
	return t.name
}

// quoteIdent quotes an identifier for PostgreSQL and DuckDB, which quote
// alike.
func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// newPlan checks a source's file location. Errors name the source and the
// key at fault.
func newPlan(src *model.Source) (*plan, error) {
	loc := src.Location
	if loc.Files == "" {
		return nil, fmt.Errorf("source %s has no location.files: only file sources can be ingested", src.Name)
	}
	if loc.Table == "" {
		return nil, fmt.Errorf("source %s: location.table is missing: name the warehouse table to load into", src.Name)
	}
	table, err := parseTableName(loc.Table)
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", src.Name, err)
	}
	p := &plan{source: src.Name, table: table, format: strings.ToLower(loc.Format), delimiter: ',', header: true, nulls: map[string]bool{"": true}}
	if p.format == "" {
		p.format = FormatCSV
	}
	if p.format != FormatCSV && p.format != FormatNDJSON {
		return nil, fmt.Errorf("source %s: unknown format %q: use csv or ndjson", src.Name, loc.Format)
	}
	if loc.Delimiter != "" {
		r, size := utf8.DecodeRuneInString(loc.Delimiter)
		if size != len(loc.Delimiter) || r == '"' || r == '\n' || r == '\r' {
			return nil, fmt.Errorf("source %s: invalid delimiter %q: use one character other than a quote or line break", src.Name, loc.Delimiter)
		}
		p.delimiter = r
	}
	if loc.Header != nil {
		p.header = *loc.Header
	}
	for _, v := range loc.NullValues {
		p.nulls[v] = true
	}
	if len(loc.Columns) == 0 {
		return nil, fmt.Errorf("source %s: location.columns is empty: declare each column to load with its name and type", src.Name)
	}
	seen := map[string]bool{}
	for i, c := range loc.Columns {
		col, err := newColumn(c)
		if err != nil {
			return nil, fmt.Errorf("source %s: column %d: %w", src.Name, i+1, err)
		}
		if seen[col.name] || col.name == loadIDColumn || col.name == sourceFileColumn {
			return nil, fmt.Errorf("source %s: column %q is declared twice or uses a reserved name", src.Name, col.name)
		}
		seen[col.name] = true
		col.index = i
		p.columns = append(p.columns, col)
	}
	return p, nil
}

func newColumn(c model.Column) (*column, error) {
	if !identPattern.MatchString(c.Name) {
		return nil, fmt.Errorf("invalid column name %q: use letters, digits and underscores", c.Name)
	}
	typ, err := ParseColumnType(c.Type)
	if err != nil {
		return nil, fmt.Errorf("column %s: %w", c.Name, err)
	}
	col := &column{name: c.Name, from: c.From, typ: typ, nullable: true}
	if col.from == "" {
		col.from = c.Name
	}
	if c.Nullable != nil {
		col.nullable = *c.Nullable
	}
	switch typ.Kind {
	case KindDate:
		col.layouts = defaultDateLayouts
	case KindTimestamp:
		col.layouts = defaultTimestampLayouts
	case KindTimestampTZ:
		col.layouts = defaultTZLayouts
	}
	if c.Format != "" {
		if col.layouts == nil {
			return nil, fmt.Errorf("column %s: format applies only to date and timestamp columns", c.Name)
		}
		col.layouts = []string{c.Format}
	}
	return col, nil
}
