package conformance

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// omittedSharedQueries lists bug-report queries the corpus leaves out, with
// the reason.
var omittedSharedQueries = map[string]string{}

// TestBugReportCasesMatchSource checks that every BR case copied into
// testdata keeps the expected rows of the bug-report case it came from. The
// source cases are read from shared/cases next to the repository checkout;
// the test skips when that directory is absent, except under CI=true.
func TestBugReportCasesMatchSource(t *testing.T) {
	source := filepath.Join("..", "..", "shared", "cases")
	if _, err := os.Stat(source); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("bug-report cases are required under CI=true: %v", err)
		}
		t.Skipf("bug-report cases not found at %s: %v", source, err)
	}
	cases, err := LoadCases("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if !strings.HasPrefix(c.ID, "BR-") {
			continue
		}
		t.Run(c.ID, func(t *testing.T) {
			want := readSourceCase(t, filepath.Join(source, c.ID, "case.yaml"))
			ours := map[string]QueryCase{}
			for _, q := range c.Queries {
				ours[q.Name] = q
			}
			for _, sq := range want.Queries {
				q, ok := ours[sq.Name]
				if !ok {
					if _, omitted := omittedSharedQueries[c.ID+"/"+sq.Name]; !omitted {
						t.Errorf("query %s of the source case is missing", sq.Name)
					}
					continue
				}
				if !reflect.DeepEqual(q.Expected.Columns, sq.Expected.Columns) {
					t.Errorf("%s: columns %v, source has %v", sq.Name, q.Expected.Columns, sq.Expected.Columns)
				}
				if !reflect.DeepEqual(q.Expected.Rows, sq.Expected.Rows) {
					t.Errorf("%s: rows %v, source has %v", sq.Name, q.Expected.Rows, sq.Expected.Rows)
				}
			}
		})
	}
}

type sourceCase struct {
	Queries []struct {
		Name     string `yaml:"name"`
		Expected struct {
			Columns []string `yaml:"columns"`
			Rows    [][]any  `yaml:"rows"`
		} `yaml:"expected"`
	} `yaml:"queries"`
}

func readSourceCase(t *testing.T, path string) sourceCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var c sourceCase
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return c
}
