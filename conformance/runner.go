package conformance

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/metricsd/metricsd/internal/testpg"
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
	set := loadDefinitions(t, c)
	t.Run(DuckDB, func(t *testing.T) {
		db, err := OpenDuckDB()
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		runEngine(t, db, DuckDB, c, set)
	})
	t.Run(Postgres, func(t *testing.T) {
		db, err := OpenPostgres(testpg.Schema(t))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		runEngine(t, db, Postgres, c, set)
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

func runEngine(t *testing.T, db *sql.DB, dialect string, c *Case, set *model.Set) {
	ctx := context.Background()
	if err := Seed(ctx, db, c); err != nil {
		t.Fatal(err)
	}
	for _, q := range c.Queries {
		t.Run(q.Name, func(t *testing.T) {
			if ref := q.ReferenceSQL(dialect); ref != "" {
				t.Run("reference", func(t *testing.T) { checkReference(t, db, ref, q) })
			}
			t.Run("engine", func(t *testing.T) { checkEngine(t, db, dialect, set, q) })
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

func checkEngine(t *testing.T, db *sql.DB, dialect string, set *model.Set, q QueryCase) {
	compiled, diags, err := CompileQuery(set, q.Query, dialect)
	if err == ErrNoEngine {
		t.Skip(err.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
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
}

func checkDiagnostic(t *testing.T, want diag.Code, diags diag.List, compiled *Compiled) {
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

func describe(c *Compiled) string {
	if c == nil {
		return "(no SQL)"
	}
	return fmt.Sprintf("SQL:\n%s\nargs: %#v", c.SQL, c.Args)
}

func formatDiags(diags diag.List) string {
	lines := make([]string, len(diags))
	for i, d := range diags {
		lines[i] = fmt.Sprintf("  %s %s: %s", d.Severity, d.Code, d.Error())
	}
	return strings.Join(lines, "\n")
}
