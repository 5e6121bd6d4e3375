// Package diag defines the one diagnostic type every stage of the semantic
// pipeline reports: a severity, a stable code, a summary, a detail, the source
// range it points at and optional suggestions.
package diag

import (
	"fmt"
	"sort"
)

// Severity orders diagnostics: an Error makes a definitions set or a query
// unusable, a Warning never does.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText writes the severity as "error" or "warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Pos is a 1-based line and column in a file. Column counts characters
// (Unicode code points), as yaml.v3 (v3.0.1) reports node columns.
type Pos struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

// IsZero reports whether the position is unknown.
func (p Pos) IsZero() bool { return p.Line == 0 }

func (p Pos) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return "-"
	case p.Line == 0:
		return p.File
	case p.File == "":
		// A position inside query text, which has no file.
		return fmt.Sprintf("%d:%d", p.Line, p.Col)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Diagnostic is one finding. Code is stable across releases and is what
// clients match on; Summary and Detail are for people.
type Diagnostic struct {
	Severity    Severity `json:"severity"`
	Code        Code     `json:"code"`
	Summary     string   `json:"summary"`
	Detail      string   `json:"detail,omitempty"`
	Pos         Pos      `json:"pos"`
	Suggestions []string `json:"suggestions,omitempty"`
}

func (d Diagnostic) Error() string {
	return fmt.Sprintf("%s: %s %s", d.Pos, d.Code, d.Summary)
}

// List collects diagnostics from all rules of a stage.
type List []Diagnostic

// Add appends an error diagnostic and returns it for chaining suggestions.
func (l *List) Add(code Code, pos Pos, format string, args ...any) *Diagnostic {
	*l = append(*l, Diagnostic{Severity: Error, Code: code, Pos: pos, Summary: fmt.Sprintf(format, args...)})
	return &(*l)[len(*l)-1]
}

// Warn appends a warning diagnostic.
func (l *List) Warn(code Code, pos Pos, format string, args ...any) *Diagnostic {
	*l = append(*l, Diagnostic{Severity: Warning, Code: code, Pos: pos, Summary: fmt.Sprintf(format, args...)})
	return &(*l)[len(*l)-1]
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the error diagnostics.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders diagnostics by file, line, column, then code, so output is
// stable whatever order the rules ran in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return l[i].Code < l[j].Code
	})
}

// Cap keeps at most max diagnostics and returns how many were dropped.
func (l *List) Cap(max int) int {
	if max <= 0 || len(*l) <= max {
		return 0
	}
	dropped := len(*l) - max
	*l = (*l)[:max]
	return dropped
}

// Err returns the list as an error when it holds errors, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return &ListError{List: l}
}

// ListError carries a diagnostic list through APIs that return error.
type ListError struct{ List List }

func (e *ListError) Error() string {
	errs := e.List.Errors()
	if len(errs) == 1 {
		return errs[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", errs[0].Error(), len(errs)-1)
}
