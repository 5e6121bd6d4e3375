package load

import (
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/metricsd/metricsd/semantic/model"
)

// scalarSpans aligns an expression's text with the bytes written in the
// file and returns where they part: line breaks YAML folded, indentation it
// stripped, escapes it decoded. It returns nil when one span covers the
// text, or when the alignment fails, so PosAt keeps its simple rules.
// Literal block scalars need no spans because Indent maps them exactly.
func scalarSpans(data []byte, e model.Expr) []model.Span {
	lines := lineStarts(data)
	start, natural, ok := scalarStart(data, lines, e)
	if !ok {
		return nil
	}

	a := aligner{raw: data, r: start, text: e.Text, quote: e.Style}
	if !a.run() || len(a.spans) == 0 || len(a.spans) == 1 && a.rawAt[0] == natural {
		return nil
	}
	// Spans count code points, as PosAt and yaml.v3 columns do.
	for i := range a.spans {
		a.spans[i].Offset = utf8.RuneCountInString(e.Text[:a.spans[i].Offset])
		a.spans[i].Pos = posAt(data, lines, e.Pos.File, a.rawAt[i])
	}
	return a.spans
}

// scalarStart returns the offset in data of the scalar's first text byte,
// and where PosAt's simple rules put it. ok is false for literal blocks and
// positions outside data.
func scalarStart(data []byte, lines []int, e model.Expr) (start, natural int, ok bool) {
	if e.Pos.Line < 1 || e.Pos.Line > len(lines) {
		return 0, 0, false
	}
	start = lines[e.Pos.Line-1] + e.Pos.Col - 1
	if start < 0 || start >= len(data) {
		return 0, 0, false
	}
	natural = start
	if e.Style == '\'' || e.Style == '"' {
		natural++
	}

	start = skipProperties(data, start)
	switch {
	case start >= len(data):
		return 0, 0, false
	case e.Style == '\'' || e.Style == '"':
		return start + 1, natural, true
	case e.Style == '|' && data[start] == '>' && e.Pos.Line < len(lines):
		return lines[e.Pos.Line], natural, true
	case e.Style == '|':
		return 0, 0, false
	}
	return start, natural, true
}

// aligner walks the text and the raw file bytes together.
type aligner struct {
	raw   []byte
	r     int // offset in raw
	text  string
	i     int // offset in text
	quote byte
	spans []model.Span
	rawAt []int // the raw offset of each span
	fresh bool  // the next matching byte starts a span
}

func (a *aligner) run() bool {
	a.fresh = true
	for a.i < len(a.text) {
		if a.r >= len(a.raw) {
			return false
		}
		if !a.step(a.text[a.i], a.raw[a.r]) {
			return false
		}
	}
	return true
}

func (a *aligner) step(c, b byte) bool {
	switch {
	case a.quote == '"' && b == '\\':
		return a.escape()
	case a.quote == '\'' && b == '\'' && a.r+1 < len(a.raw) && a.raw[a.r+1] == '\'':
		a.span()
		a.i++
		a.r += 2
		a.fresh = true
	case b == '\n' || b == '\r':
		if c == ' ' || c == '\n' {
			// The line break YAML folded into this byte maps to the break.
			a.span()
			a.i++
		}
		a.r = skipBlank(a.raw, a.r)
		a.fresh = true
	case b == c:
		if a.fresh {
			a.span()
			a.fresh = false
		}
		a.i++
		a.r++
	case c == ' ' || c == '\n' || c == '\t':
		// Folding made this byte from lines that are gone, so it maps to
		// where the text resumes.
		a.span()
		a.i++
		a.fresh = true
	case b == ' ' || b == '\t':
		a.r++
		a.fresh = true
	default:
		return false
	}
	return true
}

func (a *aligner) span() {
	a.spans = append(a.spans, model.Span{Offset: a.i})
	a.rawAt = append(a.rawAt, a.r)
}

// escape consumes a double-quoted escape sequence and the text bytes it
// decodes to. An escaped line break decodes to nothing.
func (a *aligner) escape() bool {
	rest := a.raw[a.r:]
	if len(rest) < 2 {
		return false
	}
	rawLen, textLen := 2, 1
	switch rest[1] {
	case '\n', '\r':
		a.r = skipBlank(a.raw, a.r+1)
		a.fresh = true
		return true
	case 'x', 'u', 'U':
		digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[rest[1]]
		if len(rest) < 2+digits {
			return false
		}
		n, err := strconv.ParseUint(string(rest[2:2+digits]), 16, 32)
		if err != nil || utf8.RuneLen(rune(n)) < 0 {
			return false
		}
		rawLen, textLen = 2+digits, utf8.RuneLen(rune(n))
	case 'N', '_':
		textLen = 2 // U+0085, U+00A0
	case 'L', 'P':
		textLen = 3 // U+2028, U+2029
	}
	a.span()
	a.i += textLen
	a.r += rawLen
	a.fresh = true
	return a.i <= len(a.text)
}

// skipProperties skips a tag (!!str) and an anchor (&name) written before
// a scalar, where yaml.v3 puts the node's column.
func skipProperties(data []byte, r int) int {
	for r < len(data) && (data[r] == '!' || data[r] == '&') {
		for r < len(data) && data[r] != ' ' && data[r] != '\n' {
			r++
		}
		for r < len(data) && data[r] == ' ' {
			r++
		}
	}
	return r
}

// skipBlank returns the offset of the first byte from r on that is not a
// space, tab or line break.
func skipBlank(raw []byte, r int) int {
	for r < len(raw) && (raw[r] == ' ' || raw[r] == '\t' || raw[r] == '\n' || raw[r] == '\r') {
		r++
	}
	return r
}

// lineStarts returns the offset of the first byte of each line.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// posAt converts a byte offset in data to a line and character column.
func posAt(data []byte, lines []int, file string, offset int) model.Pos {
	line := sort.Search(len(lines), func(i int) bool { return lines[i] > offset })
	return model.Pos{File: file, Line: line, Col: utf8.RuneCount(data[lines[line-1]:offset]) + 1}
}
