package semantic

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/query"
)

var update = flag.Bool("update", false, "rewrite the SQL goldens under testdata")

// TestGolden compiles testdata/<case>/query.yaml against the case's
// definitions for each dialect and compares SQL, bind arguments, plan and
// diagnostics with the files beside it.
func TestGolden(t *testing.T) {
	queries, err := filepath.Glob("testdata/*/query.yaml")
	if err != nil || len(queries) == 0 {
		t.Fatalf("no golden cases under testdata: %v", err)
	}
	for _, qf := range queries {
		dir := filepath.Dir(qf)
		t.Run(filepath.Base(dir), func(t *testing.T) { runGolden(t, dir) })
	}
}

func runGolden(t *testing.T, dir string) {
	m, diags := buildDir(t, filepath.Join(dir, "definitions"))
	q := readQuery(t, filepath.Join(dir, "query.yaml"))
	if m == nil {
		checkGolden(t, filepath.Join(dir, "diagnostics.txt"), formatDiags(diags))
		return
	}
	var plan string
	for _, d := range []string{"duckdb", "postgres"} {
		c, ds := Compile(m, q, d)
		if ds.HasErrors() {
			checkGolden(t, filepath.Join(dir, "diagnostics.txt"), formatDiags(ds))
			return
		}
		checkGolden(t, filepath.Join(dir, d+".sql"), formatCompiled(c))
		plan = c.Plan
	}
	checkGolden(t, filepath.Join(dir, "plan.txt"), plan)
}

func buildDir(t testing.TB, dir string) (*Model, diag.List) {
	t.Helper()
	set, diags, err := load.Dir(dir)
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	if diags.HasErrors() {
		t.Fatalf("load %s:\n%s", dir, formatDiags(diags))
	}
	return Build(set)
}

func readQuery(t testing.TB, path string) query.Query {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var q query.Query
	if err := yaml.Unmarshal(data, &q); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return q
}

func formatCompiled(c *Compiled) string {
	var b strings.Builder
	b.WriteString(c.SQL)
	for i, a := range c.Args {
		fmt.Fprintf(&b, "-- $%d = %#v\n", i+1, a)
	}
	for _, col := range c.Columns {
		fmt.Fprintf(&b, "-- column %s %s %s\n", col.Name, col.Kind, col.Type)
	}
	return b.String()
}

func formatDiags(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		fmt.Fprintf(&b, "%s %s %s: %s\n", d.Pos, d.Severity, d.Code, d.Summary)
		if d.Detail != "" {
			fmt.Fprintf(&b, "  detail: %s\n", d.Detail)
		}
		if len(d.Suggestions) > 0 {
			fmt.Fprintf(&b, "  suggestions: %s\n", strings.Join(d.Suggestions, ", "))
		}
	}
	return b.String()
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Fatalf("missing golden %s; create it with: go test ./semantic/... -update", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Errorf("%s differs; review and rewrite with: go test ./semantic/... -update\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}
