package expr

import (
	"regexp"
	"strings"

	"github.com/google/cel-go/common"
	celast "github.com/google/cel-go/common/ast"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

// source maps CEL locations inside an expression back to file positions.
// CEL counts lines from 1 and columns from 0, in code points. diag.Pos and
// model.Expr.PosAt count columns from 1, also in code points.
type source struct {
	expr  model.Expr
	runes []rune
	info  *celast.SourceInfo // set once the expression has parsed
}

func newSource(e model.Expr) *source {
	return &source{expr: e, runes: []rune(e.Text)}
}

// textExpr wraps query-time text so positions are relative to it: line 1,
// column 1 is its first character and the file name is empty.
func textExpr(text string) model.Expr {
	return model.Expr{Text: text, Pos: diag.Pos{Line: 1, Col: 1}}
}

// pos converts a CEL line (1-based) and code-point column (0-based).
func (s *source) pos(line, col int) diag.Pos {
	if line < 1 {
		line, col = 1, 0
	}
	if col < 0 {
		// CEL reports some macro errors on nodes without a location as
		// column -1.
		col = 0
	}
	return s.expr.PosAt(line, col+1)
}

func (s *source) location(loc common.Location) diag.Pos {
	if loc == nil {
		return s.pos(1, 0)
	}
	return s.pos(loc.Line(), loc.Column())
}

// at returns the position of the node with id: for an operator or a call
// this is where CEL records it (the operator, or the opening parenthesis).
func (s *source) at(id int64) diag.Pos {
	if s.info == nil {
		return s.pos(1, 0)
	}
	return s.location(s.info.GetStartLocation(id))
}

// callName returns the position of a call's function name, which CEL does
// not record: it sits just before the opening parenthesis it does record.
func (s *source) callName(id int64, name string) diag.Pos {
	if s.info == nil {
		return s.pos(1, 0)
	}
	r, ok := s.info.GetOffsetRange(id)
	start := int(r.Start) - len([]rune(name))
	if !ok || start < 0 || string(s.runes[start:r.Start]) != name {
		return s.at(id)
	}
	return s.location(s.info.GetLocationByOffset(int32(start)))
}

// text returns the source text CEL recorded for a node, for messages. It
// returns false when CEL recorded no range for the node.
func (s *source) text(id int64) (string, bool) {
	if s.info == nil {
		return "", false
	}
	r, ok := s.info.GetOffsetRange(id)
	if !ok || r.Start < 0 || int(r.Stop) > len(s.runes) || r.Stop <= r.Start {
		return "", false
	}
	return string(s.runes[r.Start:r.Stop]), true
}

// number returns the numeric literal written where the node starts, with
// blanks after a minus sign removed, or "" when CEL recorded no position.
// CEL's own range for a literal assumes no blanks, so it is not used.
func (s *source) number(id int64) string {
	if s.info == nil {
		return ""
	}
	r, ok := s.info.GetOffsetRange(id)
	if !ok || r.Start < 0 || int(r.Start) >= len(s.runes) {
		return ""
	}
	m := numberLiteral.FindString(string(s.runes[r.Start:]))
	return strings.Join(strings.Fields(m), "")
}

// numberLiteral matches a CEL double literal with an optional minus sign.
var numberLiteral = regexp.MustCompile(`^-?\s*[0-9]*\.?[0-9]*(?:[eE][+-]?[0-9]+)?`)

// selectField returns the position of the field name of a selection. CEL
// records a selection at the dot before the name, but a selection a macro
// made (has(x.name)) at the macro's parenthesis, so from there the name is
// found as the next ".name" in the text.
func (s *source) selectField(id int64, name string) diag.Pos {
	if s.info == nil {
		return s.pos(1, 0)
	}
	r, ok := s.info.GetOffsetRange(id)
	if !ok || int(r.Start) >= len(s.runes) {
		return s.at(id)
	}
	rest := string(s.runes[r.Start:])
	i := strings.Index(rest, "."+name)
	if i < 0 {
		return s.at(id)
	}
	start := int(r.Start) + len([]rune(rest[:i])) + 1
	return s.location(s.info.GetLocationByOffset(int32(start)))
}
