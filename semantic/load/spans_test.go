package load

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/metricsd/metricsd/semantic/model"
)

// TestExprPositionsThroughFolding maps the text position of "bb" in a
// filter back to the file through folding, escapes and indentation.
func TestExprPositionsThroughFolding(t *testing.T) {
	cases := []struct {
		name      string
		filter    string // the YAML after "filter:"
		line, col int    // where bb is written in the file
	}{
		{"plain one line", " a == 1 && bb == 2", 3, 23},
		{"plain two lines", " a == 1 &&\n      bb == 2", 4, 7},
		{"double-quoted two lines", ` "a == 1 &&` + "\n" + `      bb == 2"`, 4, 7},
		{"double-quoted escape", ` "a == \"x\" && bb == 2"`, 3, 28},
		{"double-quoted unicode escape", ` "a == \u00e9 && bb == 2"`, 3, 29},
		{"non-ASCII before", ` "a == 'é' && bb == 2"`, 3, 26},
		{"non-ASCII on a folded line", " é == 1 &&\n      ü == 'x' && bb == 2", 4, 19},
		{"double-quoted escaped line break", ` "a == 1 && \` + "\n" + `      bb == 2"`, 4, 7},
		{"single-quoted escape", ` 'a == ''x'' && bb == 2'`, 3, 28},
		{"literal block", " |\n      a == 1 &&\n        bb == 2", 5, 9},
		{"folded block", " >\n      a == 1 &&\n      bb == 2", 5, 7},
		{"folded block with blank line", " >\n      a == 1 &&\n\n      bb == 2", 6, 7},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := "metrics:\n  - name: m\n    filter:" + c.filter + "\n"
			set, diags := Files([]model.File{{Path: "m.yml", Data: []byte(src)}})
			if len(diags) != 0 {
				t.Fatalf("diagnostics: %v", diags)
			}
			e := set.Metrics[0].Filter
			line, col := textPos(e.Text, "bb")
			want := model.Pos{File: "m.yml", Line: c.line, Col: c.col}
			if got := e.PosAt(line, col); got != want {
				t.Errorf("text %q: PosAt(%d,%d) = %v, want %v (spans %v)", e.Text, line, col, got, want, e.Spans)
			}
		})
	}
}

// textPos returns the 1-based line and character column of needle in text.
func textPos(text, needle string) (int, int) {
	before := text[:strings.Index(text, needle)]
	line := strings.Count(before, "\n") + 1
	return line, utf8.RuneCountInString(before[strings.LastIndex(before, "\n")+1:]) + 1
}

// FuzzExprSpans loads arbitrary filter scalars and checks that every text
// position maps inside the file without panicking.
func FuzzExprSpans(f *testing.F) {
	for _, seed := range []string{` "a == \"x\" && \u00e9"`, " >\n      a\n\n      b", " 'a ''b'''", " a &&\n   b", ` "a\` + "\n" + `  b"`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, filter string) {
		src := "metrics:\n  - name: m\n    filter:" + filter + "\n"
		set, diags := Files([]model.File{{Path: "m.yml", Data: []byte(src)}})
		if len(diags) != 0 || len(set.Metrics) != 1 {
			return
		}
		e := set.Metrics[0].Filter
		lines := strings.Split(src, "\n")
		for i, line := range strings.Split(e.Text, "\n") {
			text := []rune(line)
			for col := 1; col <= len(text); col++ {
				p := e.PosAt(i+1, col)
				if p.Line < 1 || p.Line > len(lines) || p.Col < 1 {
					t.Fatalf("text %q: PosAt(%d,%d) = %v, outside the file", e.Text, i+1, col, p)
				}
				c := text[col-1]
				if c <= ' ' || c >= utf8.RuneSelf {
					continue
				}
				// A visible ASCII character maps to itself or to the
				// escape that wrote it.
				raw := []rune(lines[p.Line-1])
				if p.Col > len(raw) {
					t.Fatalf("text %q: PosAt(%d,%d) = %v, past the end of the line", e.Text, i+1, col, p)
				}
				if r := raw[p.Col-1]; r != rune(c) && r != '\\' && r != '\'' {
					t.Fatalf("text %q: byte %q at PosAt(%d,%d) = %v is written as %q", e.Text, c, i+1, col, p, r)
				}
			}
		}
	})
}
