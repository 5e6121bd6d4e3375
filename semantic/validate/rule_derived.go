package validate

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

// sqlWords are the words a derived expression may use besides its inputs.
// Any identifier followed by "(" is taken as a function call.
var sqlWords = map[string]bool{
	"case": true, "when": true, "then": true, "else": true, "end": true,
	"and": true, "or": true, "not": true, "null": true, "is": true,
	"true": true, "false": true, "in": true, "between": true,
}

// checkDerived requires expr and metrics, unique input names, and an expr
// that names only its inputs (by alias when one is given, else by name).
func checkDerived(ix *index, diags *diag.List, m *model.Metric) {
	need(diags, m, "expr", !m.Expr.IsZero())
	need(diags, m, "metrics", len(m.Metrics) > 0)
	names := map[string]bool{}
	for _, in := range m.Metrics {
		ref := in.Name
		if in.Alias != "" {
			ref = in.Alias
		}
		if ref == "" {
			continue
		}
		if names[ref] {
			diags.Add(diag.InvalidParameter, in.Pos, "derived metric %q lists input %q twice", m.Name, ref).
				WithDetail("give each use of a metric its own alias, e.g. alias: revenue_last_month")
		}
		names[ref] = true
	}
	if m.Expr.IsZero() {
		return
	}
	refs := make([]string, 0, len(names))
	for n := range names {
		refs = append(refs, n)
	}
	sort.Strings(refs)
	used := map[string]bool{}
	for _, id := range identifiers(m.Expr.Text) {
		if names[id.name] {
			used[id.name] = true
			continue
		}
		if sqlWords[strings.ToLower(id.name)] {
			continue
		}
		d := diags.Add(diag.UnknownMetric, m.Expr.PosAt(id.line, id.col), "derived metric %q uses %q, which is not one of its inputs", m.Name, id.name)
		d.WithDetail(fmt.Sprintf("the expression may name only the metrics listed under metrics (or their aliases): %s", strings.Join(refs, ", ")))
		d.WithSuggestions(diag.Suggest(id.name, refs))
	}
	warnUnused(diags, m, used)
}

// warnUnused warns about inputs the expression never names: they cost a
// query and usually mean the expression uses the wrong alias.
func warnUnused(diags *diag.List, m *model.Metric, used map[string]bool) {
	for _, in := range m.Metrics {
		ref := in.Name
		if in.Alias != "" {
			ref = in.Alias
		}
		if ref != "" && !used[ref] {
			diags.Warn(diag.InvalidParameter, in.Pos, "derived metric %q does not use its input %q", m.Name, ref).
				WithDetail("remove the input or use it in expr")
		}
	}
}

// ident is an identifier in an expression with its 1-based line and
// character column.
type ident struct {
	name      string
	line, col int
}

// identifiers returns the bare identifiers of a SQL arithmetic expression,
// skipping function names, quoted strings and numbers.
func identifiers(s string) []ident {
	var out []ident
	line, col := 1, 1
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n':
			line, col = line+1, 1
			i++
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(s) && s[j] != c {
				j++
			}
			col += utf8.RuneCountInString(s[i:min(j+1, len(s))])
			i = j + 1
		case isIdentStart(c):
			j := i
			for j < len(s) && isIdentPart(s[j]) {
				j++
			}
			k := j
			for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
				k++
			}
			if k >= len(s) || s[k] != '(' {
				out = append(out, ident{name: s[i:j], line: line, col: col})
			}
			col += j - i
			i = j
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && (isIdentPart(s[j]) || s[j] == '.') {
				j++
			}
			col += j - i
			i = j
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			col++
			i += size
		}
	}
	return out
}

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isIdentPart(c byte) bool { return isIdentStart(c) || (c >= '0' && c <= '9') }

// isNumber reports whether s is a plain decimal number such as 0, -1.5 or 10.00.
func isNumber(s string) bool {
	t := strings.TrimPrefix(s, "-")
	if t == "" {
		return false
	}
	dot := false
	digits := 0
	for i := 0; i < len(t); i++ {
		switch {
		case t[i] == '.' && !dot:
			dot = true
		case t[i] >= '0' && t[i] <= '9':
			digits++
		default:
			return false
		}
	}
	return digits > 0
}
