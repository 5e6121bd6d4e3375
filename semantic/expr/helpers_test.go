package expr

import (
	"fmt"
	"strings"
	"testing"
)

// sqlWriter quotes names with double quotes and numbers placeholders the
// way each dialect's driver expects.
type sqlWriter struct {
	dialect string
	args    []any
}

func (w *sqlWriter) Column(name string) (string, error) {
	if strings.HasPrefix(name, "unmapped") {
		return "", fmt.Errorf("no column for %q", name)
	}
	if name == "full_name" {
		return `"first" || ' ' || "last"`, nil
	}
	return `"` + name + `"`, nil
}

func (w *sqlWriter) Bind(v any) string {
	w.args = append(w.args, v)
	if w.dialect == Postgres {
		return fmt.Sprintf("$%d", len(w.args))
	}
	return "?"
}

func (w *sqlWriter) Dialect() string { return w.dialect }

var testVars = []Var{
	{Name: "channel", Type: String},
	{Name: "region", Type: String},
	{Name: "customer__region", Type: String},
	{Name: "amount", Type: Decimal},
	{Name: "score", Type: Float},
	{Name: "visits", Type: Int},
	{Name: "active", Type: Bool},
	{Name: "created_at", Type: Timestamp},
	{Name: "day", Type: Date},
	{Name: "unmapped_col", Type: String},
	{Name: "full_name", Type: String},
}

func testEnv(t testing.TB) *Env {
	t.Helper()
	env, err := NewEnv(testVars)
	if err != nil {
		t.Fatalf("NewEnv: %v", err)
	}
	return env
}

// render compiles text and renders it for dialect, failing the test on any
// diagnostic.
func render(t *testing.T, env *Env, text, dialect string) (string, []any) {
	t.Helper()
	f, diags := env.CompileText(text)
	if len(diags) > 0 {
		t.Fatalf("CompileText(%q): %v", text, diags)
	}
	w := &sqlWriter{dialect: dialect}
	sql, err := f.WriteSQL(w)
	if err != nil {
		t.Fatalf("WriteSQL(%q): %v", text, err)
	}
	return sql, w.args
}
