package diag

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteText prints each diagnostic for a terminal or a log:
//
//	file:line:col: CODE summary
//	  the source line
//	  ^
//	  detail
//	  did you mean: a, b?
//
// files maps a position's file to its contents; when the file or line is
// not there, the source line and caret are left out. Warnings carry
// "warning: " before the summary so they stand out from errors.
func WriteText(w io.Writer, list List, files map[string][]byte) error {
	var b strings.Builder
	for _, d := range list {
		writeOne(&b, d, files)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeOne(b *strings.Builder, d Diagnostic, files map[string][]byte) {
	sev := ""
	if d.Severity == Warning {
		sev = "warning: "
	}
	fmt.Fprintf(b, "%s: %s %s%s\n", d.Pos, d.Code, sev, d.Summary)
	if line, ok := sourceLine(files[d.Pos.File], d.Pos.Line); ok {
		fmt.Fprintf(b, "  %s\n", line)
		fmt.Fprintf(b, "  %s^\n", caretPad(line, d.Pos.Col))
	}
	for _, l := range strings.Split(d.Detail, "\n") {
		if l != "" {
			fmt.Fprintf(b, "  %s\n", l)
		}
	}
	if len(d.Suggestions) > 0 {
		fmt.Fprintf(b, "  did you mean: %s?\n", strings.Join(d.Suggestions, ", "))
	}
}

// sourceLine returns line n (1-based) of data without its newline, with
// tabs kept so the caret lines up under the same characters.
func sourceLine(data []byte, n int) (string, bool) {
	if data == nil || n <= 0 {
		return "", false
	}
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return "", false
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return strings.TrimRight(string(data), "\r"), true
}

// caretPad is the indentation that puts a caret under character column col
// of line. Tabs are copied so terminals expand both lines alike.
func caretPad(line string, col int) string {
	var b strings.Builder
	n := 0
	for _, r := range line {
		if n >= col-1 {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		n++
	}
	for ; n < col-1; n++ {
		b.WriteByte(' ')
	}
	return b.String()
}

// jsonReport is the document WriteJSON prints.
type jsonReport struct {
	Valid       bool         `json:"valid"`
	Errors      int          `json:"errors"`
	Warnings    int          `json:"warnings"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// WriteJSON prints the list as one JSON document for CI annotations:
// {"valid", "errors", "warnings", "diagnostics": [{severity, code, summary,
// detail, pos: {file, line, col}, suggestions}]}. valid is false when any
// diagnostic is an error.
func WriteJSON(w io.Writer, list List) error {
	errs := len(list.Errors())
	r := jsonReport{Valid: errs == 0, Errors: errs, Warnings: len(list) - errs, Diagnostics: list}
	if r.Diagnostics == nil {
		r.Diagnostics = List{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
