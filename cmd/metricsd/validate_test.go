package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// validDefs has no errors and one warning: the metric has no owner.
const validDefs = `version: 1
semantic_models:
  - name: leads
    table: leads
    agg_time_dimension: created_at
    entities:
      - {name: lead, type: primary}
    dimensions:
      - {name: created_at, type: time, grain: day}
    measures:
      - {name: lead_count, agg: count}
metrics:
  - name: leads
    version: 1
    description: Leads captured.
    type: simple
    measure: lead_count
`

func writeDefs(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestValidateWarningsExitZero(t *testing.T) {
	dir := writeDefs(t, map[string]string{"defs.yml": validDefs})
	code, out, errOut := runCLI("validate", dir)
	if code != exitOK {
		t.Fatalf("exit %d, want 0\n%s%s", code, out, errOut)
	}
	if !strings.HasPrefix(out, filepath.ToSlash(filepath.Join(dir, "defs.yml"))+":13:5: MISSING_DESCRIPTION warning: metric \"leads\" has no owner\n") {
		t.Errorf("stdout = %q", out)
	}
	if !strings.Contains(errOut, "1 metrics, 1 semantic models, 0 sources: 0 errors, 1 warning") {
		t.Errorf("stderr = %q", errOut)
	}
}

func TestValidateStrictFailsOnWarnings(t *testing.T) {
	dir := writeDefs(t, map[string]string{"defs.yml": validDefs})
	if code, _, _ := runCLI("validate", "--strict", dir); code != exitFail {
		t.Errorf("exit %d, want 1", code)
	}
}

func TestValidateErrorsPrintCaret(t *testing.T) {
	broken := strings.Replace(validDefs, "measure: lead_count\n", "measure: lead_cont\n", 1)
	dir := writeDefs(t, map[string]string{"defs.yml": broken})
	code, out, _ := runCLI("validate", dir)
	if code != exitFail {
		t.Fatalf("exit %d, want 1", code)
	}
	want := filepath.ToSlash(filepath.Join(dir, "defs.yml")) + ":17:14: UNKNOWN_MEASURE unknown measure \"lead_cont\"\n" +
		"      measure: lead_cont\n" +
		"               ^\n" +
		"  defined: lead_count\n" +
		"  did you mean: lead_count?\n"
	if !strings.Contains(out, want) {
		t.Errorf("stdout lacks the caret block:\n%s", out)
	}
}

func TestValidateJSON(t *testing.T) {
	broken := strings.Replace(validDefs, "version: 1\n    description", "version: 0\n    description", 1)
	dir := writeDefs(t, map[string]string{"defs.yml": broken})
	code, out, _ := runCLI("validate", "--format", "json", dir)
	if code != exitFail {
		t.Fatalf("exit %d, want 1", code)
	}
	var doc struct {
		Valid       bool
		Errors      int
		Warnings    int
		Diagnostics []struct {
			Code string
			Pos  struct {
				File      string
				Line, Col int
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, out)
	}
	if doc.Valid || doc.Errors != 1 || doc.Warnings != 1 {
		t.Errorf("valid=%v errors=%d warnings=%d, want false 1 1", doc.Valid, doc.Errors, doc.Warnings)
	}
	first := doc.Diagnostics[0]
	if first.Code != "MISSING_DESCRIPTION" || first.Pos.Line != 13 {
		t.Errorf("first = %+v", first)
	}
	second := doc.Diagnostics[1]
	if second.Code != "INVALID_VERSION" || second.Pos.File != filepath.ToSlash(filepath.Join(dir, "defs.yml")) || second.Pos.Line != 14 || second.Pos.Col != 14 {
		t.Errorf("second = %+v", second)
	}
}

func TestValidateUsageErrors(t *testing.T) {
	dir := writeDefs(t, map[string]string{"defs.yml": validDefs})
	cases := map[string][]string{
		"bad flag":        {"validate", "--colour", dir},
		"bad format":      {"validate", "--format", "xml", dir},
		"two directories": {"validate", dir, dir},
		"missing dir":     {"validate", filepath.Join(dir, "nope")},
		"file not dir":    {"validate", filepath.Join(dir, "defs.yml")},
	}
	for name, args := range cases {
		if code, _, errOut := runCLI(args...); code != exitUsage {
			t.Errorf("%s: exit %d, want 2 (stderr %q)", name, code, errOut)
		}
	}
}

func TestValidateGoldenCaseDirectories(t *testing.T) {
	valid := filepath.Join("..", "..", "semantic", "validate", "testdata", "valid", "definitions")
	if code, out, _ := runCLI("validate", "--strict", valid); code != exitOK || out != "" {
		t.Errorf("valid case: exit %d, stdout %q; want 0 and no output", code, out)
	}
	refs := filepath.Join("..", "..", "semantic", "validate", "testdata", "references", "definitions")
	if code, _, _ := runCLI("validate", refs); code != exitFail {
		t.Errorf("references case: exit %d, want 1", code)
	}
}

// A derived expression that loads and passes the rules but that the engine
// cannot compile must fail validate, not only query and serve.
func TestValidateRunsEngineChecks(t *testing.T) {
	defs := validDefs + `  - name: leads_or_null
    version: 1
    description: Leads, or NULL when none.
    owner: growth
    type: derived
    expr: nullif(leads, 0)
    metrics: [leads]
`
	dir := writeDefs(t, map[string]string{"defs.yml": defs})
	code, out, errOut := runCLI("validate", dir)
	if code != exitFail {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	want := filepath.ToSlash(filepath.Join(dir, "defs.yml")) + ":23:11: INVALID_PARAMETER"
	if !strings.Contains(out, want) {
		t.Errorf("stdout lacks %q:\n%s", want, out)
	}
	if !strings.Contains(errOut, "1 error,") {
		t.Errorf("stderr = %q, want a count of 1 error", errOut)
	}
}
