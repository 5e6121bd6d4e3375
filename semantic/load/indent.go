package load

import (
	"bytes"

	"github.com/metricsd/metricsd/semantic/model"
)

// measureExprs records how each expression was laid out in its file, so
// model.Expr.PosAt maps a column inside the expression to a file column.
// yaml.v3 reports neither a block scalar's indentation, which replaces the
// decoder's guess, nor where folding and escapes moved bytes (Spans).
func measureExprs(set *model.Set) {
	data := map[string][]byte{}
	for _, f := range set.Files {
		data[f.Path] = f.Data
	}
	for _, e := range exprs(set) {
		if e.IsZero() {
			continue
		}
		if e.Style == '|' {
			if indent, ok := blockIndentAt(data[e.Pos.File], e.Pos.Line); ok {
				e.Indent = indent
			}
		}
		e.Spans = scalarSpans(data[e.Pos.File], *e)
	}
}

// blockIndentAt returns the number of leading spaces of the first non-blank
// line after line (1-based), which YAML takes as the indentation of a block
// scalar whose header is on that line.
// NOTE: a header with an explicit indentation indicator (|4) whose first
// content line has more spaces than the indicator is measured too deep.
func blockIndentAt(data []byte, line int) (int, bool) {
	lines := bytes.Split(data, []byte("\n"))
	for i := line; i < len(lines); i++ {
		text := bytes.TrimRight(lines[i], "\r")
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		return len(text) - len(bytes.TrimLeft(text, " ")), true
	}
	return 0, false
}

// exprs returns every expression of the set, so they can be adjusted in
// place.
func exprs(set *model.Set) []*model.Expr {
	var out []*model.Expr
	for _, m := range set.SemanticModels {
		out = append(out, &m.SQL)
		for _, e := range m.Entities {
			out = append(out, &e.Expr)
		}
		for _, d := range m.Dimensions {
			out = append(out, &d.Expr)
		}
		for _, ms := range m.Measures {
			out = append(out, &ms.Expr, &ms.Filter)
		}
	}
	for _, m := range set.Metrics {
		out = append(out, &m.Filter, &m.Expr)
		for i := range m.Guards {
			out = append(out, &m.Guards[i].When)
		}
		for _, in := range []*model.MeasureInput{m.Measure, m.BaseMeasure, m.ConversionMeasure} {
			if in != nil {
				out = append(out, &in.Filter)
			}
		}
		for _, in := range append([]*model.MetricInput{m.Numerator, m.Denominator}, m.Metrics...) {
			if in != nil {
				out = append(out, &in.Filter)
			}
		}
	}
	return out
}
