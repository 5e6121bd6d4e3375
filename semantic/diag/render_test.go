package diag

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestWriteTextCaretAndSuggestions(t *testing.T) {
	files := map[string][]byte{"m.yml": []byte("metrics:\n  - name: leads\n    measure: lead_cnt\n")}
	var l List
	l.Add(UnknownMeasure, Pos{File: "m.yml", Line: 3, Col: 14}, "unknown measure %q", "lead_cnt").
		WithDetail("defined: lead_count").
		WithSuggestions([]string{"lead_count"})
	l.Warn(MissingDescription, Pos{File: "m.yml", Line: 2, Col: 5}, "metric %q has no description", "leads")
	var b bytes.Buffer
	if err := WriteText(&b, l, files); err != nil {
		t.Fatal(err)
	}
	want := "m.yml:3:14: UNKNOWN_MEASURE unknown measure \"lead_cnt\"\n" +
		"      measure: lead_cnt\n" +
		"               ^\n" +
		"  defined: lead_count\n" +
		"  did you mean: lead_count?\n" +
		"m.yml:2:5: MISSING_DESCRIPTION warning: metric \"leads\" has no description\n" +
		"    - name: leads\n" +
		"      ^\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestWriteTextUnknownFile(t *testing.T) {
	var l List
	l.Add(Internal, Pos{}, "boom")
	var b bytes.Buffer
	WriteText(&b, l, nil)
	if got, want := b.String(), "-: INTERNAL boom\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWriteJSONCounts(t *testing.T) {
	var l List
	l.Add(UnknownMetric, Pos{File: "a.yml", Line: 1, Col: 2}, "unknown metric")
	l.Warn(MissingDescription, Pos{File: "a.yml", Line: 3, Col: 1}, "no description")
	var b bytes.Buffer
	if err := WriteJSON(&b, l); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Valid       bool
		Errors      int
		Warnings    int
		Diagnostics []struct {
			Severity string
			Code     string
			Pos      struct {
				File      string
				Line, Col int
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Valid || got.Errors != 1 || got.Warnings != 1 {
		t.Errorf("valid=%v errors=%d warnings=%d, want false 1 1", got.Valid, got.Errors, got.Warnings)
	}
	d := got.Diagnostics[0]
	if d.Severity != "error" || d.Code != "UNKNOWN_METRIC" || d.Pos.File != "a.yml" || d.Pos.Line != 1 || d.Pos.Col != 2 {
		t.Errorf("first diagnostic = %+v", d)
	}
}

func TestSortAndCapCountsDropped(t *testing.T) {
	var l List
	for i := 5; i >= 1; i-- {
		l.Add(UnknownMetric, Pos{File: "a.yml", Line: i, Col: 1}, "x")
	}
	l.SortAndCap(3)
	if len(l) != 4 {
		t.Fatalf("len = %d, want 4", len(l))
	}
	if l[0].Pos.Line != 1 || l[2].Pos.Line != 3 {
		t.Errorf("not sorted: %v", l)
	}
	last := l[3]
	if last.Code != TooManyDiagnostics || last.Severity != Error || last.Summary != "2 more diagnostics not shown (2 errors, 0 warnings)" {
		t.Errorf("cap line = %+v", last)
	}
}

func TestWriteTextCaretAfterNonASCII(t *testing.T) {
	files := map[string][]byte{"m.yml": []byte("a: {größe: 1, b: x}\n")}
	var l List
	l.Add(UnknownKey, Pos{File: "m.yml", Line: 1, Col: 15}, "unknown key")
	var b bytes.Buffer
	WriteText(&b, l, files)
	want := "m.yml:1:15: UNKNOWN_KEY unknown key\n" +
		"  a: {größe: 1, b: x}\n" +
		"                ^\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}
