package conformance

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/metricsd/metricsd/internal/testpg"
	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
)

// Run executes every case under dir as subtests named
// <case>/<engine>/<query>/{reference,engine}. DuckDB always runs;
// PostgreSQL runs whenever testpg reaches a server (and must under CI=true).
func Run(t *testing.T, dir string) {
	cases, err := LoadCases(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.ID, func(t *testing.T) { runCase(t, c) })
	}
}

func runCase(t *testing.T, c *Case) {
	engine := BuildEngine(loadDefinitions(t, c))
	if len(engine.build) > 0 {
		t.Logf("building the definitions reported:\n%s", formatDiags(engine.build))
	}
	t.Run(DuckDB, func(t *testing.T) {
		db, err := OpenDuckDB()
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		runEngine(t, db, DuckDB, c, engine)
	})
	t.Run(Postgres, func(t *testing.T) {
		db, err := OpenPostgres(testpg.Schema(t))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		runEngine(t, db, Postgres, c, engine)
	})
}

// loadDefinitions loads the case's definitions/ folder and fails the case on
// any error diagnostic, so a broken case never passes for the wrong reason.
func loadDefinitions(t *testing.T, c *Case) *model.Set {
	t.Helper()
	set, diags, err := load.Dir(filepath.Join(c.Dir, "definitions"))
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		t.Fatalf("definitions do not load:\n%s", formatDiags(diags))
	}
	return set
}

func runEngine(t *testing.T, db *sql.DB, dialect string, c *Case, engine *Engine) {
	ctx := context.Background()
	if err := Seed(ctx, db, c); err != nil {
		t.Fatal(err)
	}
	for _, q := range c.Queries {
		t.Run(q.Name, func(t *testing.T) {
			if ref := q.ReferenceSQL(dialect); ref != "" {
				t.Run("reference", func(t *testing.T) { checkReference(t, db, ref, q) })
			}
			t.Run("engine", func(t *testing.T) { checkEngine(t, db, dialect, engine, q) })
		})
	}
}

// checkReference runs the hand-written SQL: it proves the case's expected
// rows on this engine, whatever the semantic engine does.
func checkReference(t *testing.T, db *sql.DB, ref string, q QueryCase) {
	res, err := Fetch(context.Background(), db, ref, nil)
	if err != nil {
		t.Fatalf("reference SQL failed: %v\n%s", err, ref)
	}
	if mismatches := Compare(q.Expected, res, false); mismatches != nil {
		t.Errorf("reference SQL disagrees with the expected rows:\n%s\nSQL:\n%s", strings.Join(mismatches, "\n"), ref)
	}
}

func checkEngine(t *testing.T, db *sql.DB, dialect string, engine *Engine, q QueryCase) {
	compiled, diags := engine.Compile(q.Query, dialect)
	if want := q.Expected.Diagnostic; want != "" {
		checkDiagnostic(t, diag.Code(want), diags, compiled)
		return
	}
	if diags.HasErrors() {
		if q.Pending != "" && notImplemented(diags) {
			t.Skipf("pending (%s): the engine reports:\n%s", q.Pending, formatDiags(diags))
		}
		t.Fatalf("the engine rejected the query:\n%s", formatDiags(diags))
	}
	res, err := Fetch(context.Background(), db, compiled.SQL, compiled.Args)
	if err != nil {
		t.Fatalf("compiled SQL failed: %v\n%s", err, describe(compiled))
	}
	if mismatches := Compare(q.Expected, res, true); mismatches != nil {
		t.Errorf("rows differ from the expected rows:\n%s\n%s", strings.Join(mismatches, "\n"), describe(compiled))
	}
	if problems := CheckColumns(compiled.Columns, res); problems != nil {
		t.Errorf("column metadata disagrees with the result:\n%s\n%s", strings.Join(problems, "\n"), describe(compiled))
	}
}

func checkDiagnostic(t *testing.T, want diag.Code, diags diag.List, compiled *semantic.Compiled) {
	for _, d := range diags.Errors() {
		if d.Code == want {
			return
		}
	}
	if !diags.HasErrors() {
		t.Fatalf("the engine accepted the query, want diagnostic %s\n%s", want, describe(compiled))
	}
	t.Fatalf("want diagnostic %s, got:\n%s", want, formatDiags(diags))
}

func describe(c *semantic.Compiled) string {
	if c == nil {
		return "(no SQL)"
	}
	return fmt.Sprintf("SQL:\n%s\nargs: %#v", c.SQL, c.Args)
}

func formatDiags(diags diag.List) string {
	lines := make([]string, len(diags))
	for i, d := range diags {
		lines[i] = fmt.Sprintf("  %s %s", d.Severity, d.Error())
	}
	return strings.Join(lines, "\n")
}
