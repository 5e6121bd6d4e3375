package conformance

import (
	"encoding/csv"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// readTable reads a CSV file whose header names the columns; types maps each
// column to its declared type and must cover the header exactly.
func readTable(name, path string, types map[string]string) (Table, error) {
	t := Table{Name: name}
	f, err := os.Open(path)
	if err != nil {
		return t, fmt.Errorf("table %s: %w", name, err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return t, fmt.Errorf("table %s: read %s: %w", name, path, err)
	}
	if len(records) == 0 {
		return t, fmt.Errorf("table %s: %s has no header row", name, path)
	}
	for _, col := range records[0] {
		typ, ok := types[col]
		if !ok {
			return t, fmt.Errorf("table %s: CSV column %q has no declared type", name, col)
		}
		if !namePattern.MatchString(col) {
			return t, fmt.Errorf("table %s: column name %q must be lower_snake_case", name, col)
		}
		if _, err := sqlType(typ); err != nil {
			return t, fmt.Errorf("table %s: column %s: %w", name, col, err)
		}
		t.Columns = append(t.Columns, Column{Name: col, Type: typ})
	}
	if len(types) != len(t.Columns) {
		return t, fmt.Errorf("table %s: %d declared columns but the CSV header has %d", name, len(types), len(t.Columns))
	}
	for _, rec := range records[1:] {
		row := make([]*string, len(rec))
		for i, field := range rec {
			if field != "" {
				v := field
				row[i] = &v
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

var numericType = regexp.MustCompile(`^numeric\((\d+),\s*(\d+)\)$`)

// sqlType maps a declared column type to SQL that PostgreSQL and DuckDB both
// accept with the same meaning.
func sqlType(typ string) (string, error) {
	switch t := strings.ToLower(strings.TrimSpace(typ)); t {
	case "int", "integer":
		return "INTEGER", nil
	case "bigint":
		return "BIGINT", nil
	case "text":
		return "TEXT", nil
	case "date":
		return "DATE", nil
	case "timestamp":
		return "TIMESTAMP", nil
	case "timestamptz":
		return "TIMESTAMP WITH TIME ZONE", nil
	case "double":
		return "DOUBLE PRECISION", nil
	case "boolean":
		return "BOOLEAN", nil
	default:
		if m := numericType.FindStringSubmatch(t); m != nil {
			return "NUMERIC(" + m[1] + "," + m[2] + ")", nil
		}
	}
	return "", fmt.Errorf("unknown column type %q; use int, bigint, text, date, timestamp, timestamptz, double, boolean or numeric(p,s)", typ)
}
