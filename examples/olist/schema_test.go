package olist_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/load"
)

// TestOlistDefinitionsValid checks the example against the validator and
// against the definitions JSON Schema in docs/, without needing the data.
func TestOlistDefinitionsValid(t *testing.T) {
	set, diags, err := load.Dir(".")
	if err != nil {
		t.Fatal(err)
	}
	if _, bd := semantic.Build(set); len(append(diags, bd...)) > 0 {
		t.Errorf("diagnostics: %v", append(diags, bd...))
	}

	schema, err := jsonschema.NewCompiler().Compile(filepath.Join("..", "..", "docs", "definitions.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("*.yml")
	if len(files) < 2 {
		t.Fatalf("found %d definitions files, want the sources and the funnel", len(files))
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		for {
			var v any
			err := dec.Decode(&v)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			raw, _ := json.Marshal(v)
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(doc); err != nil {
				t.Errorf("%s does not match the schema:\n%v", path, err)
			}
		}
	}
}
