package ingest

import (
	"fmt"
	"strings"
)

// RowError is one rejected input row.
type RowError struct {
	File   string // as displayed: relative to the base directory when possible
	Line   int    // 1-based line where the record starts
	Column string // the warehouse column, empty when the whole row is bad
	Reason string
	// Fatal means the file cannot be read past this row.
	Fatal bool
}

func (e *RowError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d: ", e.File, e.Line)
	if e.Column != "" {
		fmt.Fprintf(&b, "column %s: ", e.Column)
	} else {
		b.WriteString("row ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

// RejectError reports a load that was rolled back because rows were bad.
// Rows lists at most the configured number of errors; Omitted counts the
// rest.
type RejectError struct {
	Source  string
	Rows    []*RowError
	Omitted int
}

func (e *RejectError) Error() string {
	var b strings.Builder
	n := len(e.Rows) + e.Omitted
	fmt.Fprintf(&b, "source %s: %d %s, nothing was loaded", e.Source, n, plural(n, "error", "errors"))
	for _, r := range e.Rows {
		b.WriteString("\n  ")
		b.WriteString(r.Error())
	}
	if e.Omitted > 0 {
		fmt.Fprintf(&b, "\n  ... and %d more", e.Omitted)
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
