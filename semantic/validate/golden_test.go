package validate

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/load"
)

var update = flag.Bool("update", false, "rewrite the diagnostics.txt goldens under testdata")

const updateCommand = "go test ./semantic/validate/ -update"

// TestGoldenDiagnostics loads each testdata/<case>/definitions directory,
// validates it and compares the text rendering with <case>/diagnostics.txt.
// A case may hold a max_diagnostics file to lower the cap.
func TestGoldenDiagnostics(t *testing.T) {
	for _, dir := range goldenCases(t) {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			got := renderCase(t, dir)
			golden := filepath.Join(dir, "diagnostics.txt")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("missing golden %s: run %s", golden, updateCommand)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("diagnostics differ from %s (run %s if the change is intended)\n--- got\n%s\n--- want\n%s", golden, updateCommand, got, want)
			}
		})
	}
}

func goldenCases(t *testing.T) []string {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*", "definitions"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden cases under testdata: %v", err)
	}
	for i, d := range dirs {
		dirs[i] = filepath.Dir(d)
	}
	return dirs
}

func renderCase(t *testing.T, dir string) []byte {
	t.Helper()
	set, loadDiags, err := load.Dir(filepath.Join(dir, "definitions"))
	if err != nil {
		t.Fatal(err)
	}
	max := MaxDiagnostics
	if b, err := os.ReadFile(filepath.Join(dir, "max_diagnostics")); err == nil {
		max, err = strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil {
			t.Fatalf("max_diagnostics: %v", err)
		}
	}
	diags := merge(loadDiags, run(set, rules, 0), max)
	files := map[string][]byte{}
	for _, f := range set.Files {
		files[f.Path] = f.Data
	}
	var b bytes.Buffer
	if err := diag.WriteText(&b, diags, files); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// notInGoldens are definitions codes no golden can show, with the reason.
var notInGoldens = map[string]string{
	"INTERNAL":          "only a panicking rule reports it; TestPanickingRuleIsInternal covers it",
	"INVALID_TIME_ZONE": "no definitions key takes a time zone yet; queries report it",
}

// TestGoldensCoverEveryCode requires each code of the definitions block of
// semantic/diag/codes.go to appear in at least one golden.
func TestGoldensCoverEveryCode(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "diag", "codes.go"))
	if err != nil {
		t.Fatal(err)
	}
	block := string(src)
	start := strings.Index(block, "BEGIN definitions codes")
	end := strings.Index(block, "END definitions codes")
	if start < 0 || end < start {
		t.Fatal("codes.go lacks the BEGIN/END definitions codes markers")
	}
	codes := regexp.MustCompile(`Code = "([A-Z_]+)"`).FindAllStringSubmatch(block[start:end], -1)
	if len(codes) < 10 {
		t.Fatalf("found only %d codes between the markers", len(codes))
	}
	var all strings.Builder
	for _, dir := range goldenCases(t) {
		b, _ := os.ReadFile(filepath.Join(dir, "diagnostics.txt"))
		all.Write(b)
	}
	text := all.String()
	for _, c := range codes {
		code := c[1]
		if _, ok := notInGoldens[code]; ok {
			continue
		}
		if !strings.Contains(text, ": "+code+" ") {
			t.Errorf("no golden shows %s: add a case under testdata and run %s", code, updateCommand)
		}
	}
}
