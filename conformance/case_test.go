package conformance

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeCase writes a case folder with one table t(id int, name text).
func writeCase(t *testing.T, caseYAML, csv string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "bad-case")
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "case.yaml"), []byte(caseYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "t.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLoadCaseRejectsBrokenCases(t *testing.T) {
	const table = "tables:\n  t:\n    columns: {id: int, name: text}\n"
	const csv = "id,name\n1,a\n2,\n"
	tests := []struct {
		name, yaml, csv, want string
	}{
		{"undeclared CSV column", "tables:\n  t:\n    columns: {id: int}\nqueries:\n- {name: q, query: {metrics: [m]}, expected: {diagnostic: X}}\n",
			csv, `CSV column "name" has no declared type`},
		{"unknown column type", "tables:\n  t:\n    columns: {id: int, name: varchar}\nqueries:\n- {name: q, query: {metrics: [m]}, expected: {diagnostic: X}}\n",
			csv, `unknown column type "varchar"`},
		{"unknown query key", table + "queries:\n- {name: q, query: {metrics: [m], group_bys: [x]}, expected: {diagnostic: X}}\n",
			csv, "field group_bys not found"},
		{"rows and diagnostic", table + "queries:\n- {name: q, query: {metrics: [m]}, expected: {diagnostic: X, columns: [m], rows: [[1]]}}\n",
			csv, "both a diagnostic and rows"},
		{"short row", table + "queries:\n- {name: q, query: {metrics: [m]}, expected: {columns: [a, m], rows: [[1]]}}\n",
			csv, "row 1 has 1 values for 2 columns"},
		{"ordered without order_by", table + "queries:\n- {name: q, query: {metrics: [m]}, expected: {columns: [m], rows: [[1], [2]]}}\n",
			csv, "no order_by"},
		{"no queries", table, csv, "no queries"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadCase(writeCase(t, tt.yaml, tt.csv))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadCase error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestLoadCaseReadsNullsAndReference(t *testing.T) {
	dir := writeCase(t, "tables:\n  t:\n    columns: {id: int, name: text}\n"+
		"queries:\n- {name: q1, query: {metrics: [m], order_by: [-m]}, expected: {columns: [m], rows: [[1], [2]]}}\n",
		"id,name\n1,a\n2,\n")
	if err := os.MkdirAll(filepath.Join(dir, "reference"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "reference", "q1.sql"), []byte("SELECT 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "reference", "q1.postgres.sql"), []byte("SELECT 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := LoadCase(dir)
	if err != nil {
		t.Fatal(err)
	}
	rows := c.Tables[0].Rows
	if len(rows) != 2 || *rows[0][1] != "a" || rows[1][1] != nil {
		t.Errorf("rows = %v, want name a and then NULL", rows)
	}
	q := c.Queries[0]
	if got := q.ReferenceSQL(DuckDB); got != "SELECT 1" {
		t.Errorf("DuckDB reference = %q, want the shared file", got)
	}
	if got := q.ReferenceSQL(Postgres); got != "SELECT 2" {
		t.Errorf("PostgreSQL reference = %q, want the dialect file", got)
	}
	if !q.Query.OrderBy[0].Desc || q.Query.OrderBy[0].Name != "m" {
		t.Errorf("order_by = %+v, want m descending", q.Query.OrderBy)
	}
}
