package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// repoRoot is the directory holding go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

func compileSchema(t *testing.T, root string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	s, err := c.Compile(filepath.Join(root, "docs", "definitions.schema.json"))
	if err != nil {
		t.Fatalf("compile docs/definitions.schema.json: %v", err)
	}
	return s
}

// yamlDocuments decodes every document of a YAML file into JSON values the
// schema library accepts (float64, string, bool, []any, map[string]any).
func yamlDocuments(t *testing.T, path string) []any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []any
	for {
		var v any
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) {
			return docs
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		docs = append(docs, doc)
	}
}

func yamlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := filepath.Ext(path); !d.IsDir() && (ext == ".yml" || ext == ".yaml") {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSchemaAcceptsValidDefinitions checks every valid definitions file in
// the repository against docs/definitions.schema.json: definitions/, the
// examples, the conformance cases and the valid golden case, so the schema
// and the loader agree on every key in use.
func TestSchemaAcceptsValidDefinitions(t *testing.T) {
	root := repoRoot(t)
	schema := compileSchema(t, root)
	files := append(yamlFiles(t, filepath.Join(root, "definitions")), yamlFiles(t, filepath.Join("testdata", "valid", "definitions"))...)
	files = append(files, yamlFiles(t, filepath.Join(root, "examples"))...)
	cases, err := filepath.Glob(filepath.Join(root, "conformance", "testdata", "*", "definitions"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range cases {
		files = append(files, yamlFiles(t, dir)...)
	}
	if len(files) < 40 {
		t.Fatalf("found only %d definitions files", len(files))
	}
	for _, path := range files {
		for _, doc := range yamlDocuments(t, path) {
			if err := schema.Validate(doc); err != nil {
				t.Errorf("%s does not match the schema:\n%v", path, err)
			}
		}
	}
}

func TestSchemaRejectsBrokenDefinitions(t *testing.T) {
	root := repoRoot(t)
	schema := compileSchema(t, root)
	cases := map[string]string{
		"unknown key":               "metrics:\n  - {name: a, version: 1, type: simple, measure: m, verison: 2}\n",
		"ratio without denominator": "metrics:\n  - {name: a, version: 1, type: ratio, numerator: b}\n",
		"window on simple":          "metrics:\n  - {name: a, version: 1, type: simple, measure: m, window: 7 days}\n",
		"version zero":              "metrics:\n  - {name: a, version: 0, type: simple, measure: m}\n",
		"table and sql":             "semantic_models:\n  - {name: a, table: t, sql: select 1}\n",
		"currency lowercase":        "metrics:\n  - {name: a, version: 1, type: simple, measure: m, format: {type: currency, currency: usd}}\n",
		"camel case name":           "metrics:\n  - {name: leadCount, version: 1, type: simple, measure: m}\n",
		"within_sla without sla":    "metrics:\n  - {name: a, version: 1, type: time_to_event, entity: e, start: a.b, end: c.d, statistic: within_sla}\n",
	}
	dir := t.TempDir()
	for name, body := range cases {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".yml")
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		doc := yamlDocuments(t, path)[0]
		if err := schema.Validate(doc); err == nil {
			t.Errorf("%s: the schema accepted %q", name, body)
		}
	}
}
