package resolve

import (
	"fmt"
	"strings"
)

// Node is a derived metric expression: metric references, numbers, the four
// arithmetic operators and parentheses. Nothing else is accepted, so no text
// from a definition reaches SQL except through this tree.
type Node interface{ node() }

// Num is a non-negative decimal literal, kept as written.
type Num struct{ Text string }

// Ref reads another metric's value.
type Ref struct{ Input *MetricUse }

// Neg negates its operand.
type Neg struct{ X Node }

// Binary applies + - * or /.
type Binary struct {
	Op   byte
	L, R Node
}

func (*Num) node()    {}
func (*Ref) node()    {}
func (*Neg) node()    {}
func (*Binary) node() {}

// ParseError is a derived expression that does not parse; Col is 1-based
// within the expression text.
type ParseError struct {
	Col int
	Msg string
}

func (e *ParseError) Error() string { return fmt.Sprintf("column %d: %s", e.Col, e.Msg) }

// ParseDerived parses text, resolving each name through lookup, which
// returns nil for names that are not inputs.
func ParseDerived(text string, lookup func(name string) *MetricUse) (Node, error) {
	p := &parser{src: text, lookup: lookup}
	p.next()
	n, err := p.sum()
	if err != nil {
		return nil, err
	}
	if p.tok != tokEOF {
		return nil, p.errorf("unexpected %q", p.text)
	}
	return n, nil
}

type tokKind int

const (
	tokEOF tokKind = iota
	tokNum
	tokName
	tokOp
)

type parser struct {
	src    string
	pos    int
	tok    tokKind
	text   string
	col    int
	lookup func(string) *MetricUse
	err    error
}

func (p *parser) errorf(format string, args ...any) error {
	return &ParseError{Col: p.col, Msg: fmt.Sprintf(format, args...)}
}

// callFollows reports whether the name just scanned is followed by "(".
func (p *parser) callFollows() bool {
	rest := strings.TrimLeft(p.src[p.pos:], " \t\r\n")
	return strings.HasPrefix(rest, "(")
}

// next scans one token; an invalid character becomes an operator token the
// grammar rejects with its position.
func (p *parser) next() {
	for p.pos < len(p.src) && strings.ContainsRune(" \t\r\n", rune(p.src[p.pos])) {
		p.pos++
	}
	p.col = p.pos + 1
	if p.pos >= len(p.src) {
		p.tok, p.text = tokEOF, ""
		return
	}
	start := p.pos
	c := p.src[p.pos]
	switch {
	case c >= '0' && c <= '9' || c == '.':
		for p.pos < len(p.src) && (p.src[p.pos] >= '0' && p.src[p.pos] <= '9' || p.src[p.pos] == '.') {
			p.pos++
		}
		p.tok = tokNum
	case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		for p.pos < len(p.src) && isNameByte(p.src[p.pos]) {
			p.pos++
		}
		p.tok = tokName
	default:
		p.pos++
		p.tok = tokOp
	}
	p.text = p.src[start:p.pos]
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *parser) sum() (Node, error) {
	l, err := p.product()
	for err == nil && p.tok == tokOp && (p.text == "+" || p.text == "-") {
		op := p.text[0]
		p.next()
		var r Node
		if r, err = p.product(); err == nil {
			l = &Binary{Op: op, L: l, R: r}
		}
	}
	return l, err
}

func (p *parser) product() (Node, error) {
	l, err := p.unary()
	for err == nil && p.tok == tokOp && (p.text == "*" || p.text == "/") {
		op := p.text[0]
		p.next()
		var r Node
		if r, err = p.unary(); err == nil {
			l = &Binary{Op: op, L: l, R: r}
		}
	}
	return l, err
}

func (p *parser) unary() (Node, error) {
	if p.tok == tokOp && p.text == "-" {
		p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &Neg{X: x}, nil
	}
	return p.primary()
}

func (p *parser) primary() (Node, error) {
	switch p.tok {
	case tokNum:
		if !validNumber(p.text) {
			return nil, p.errorf("invalid number %q", p.text)
		}
		n := &Num{Text: p.text}
		p.next()
		return n, nil
	case tokName:
		if p.callFollows() {
			return nil, p.errorf("%q is called as a function, but derived expressions allow only input metrics, numbers, + - * / and parentheses", p.text)
		}
		in := p.lookup(p.text)
		if in == nil {
			return nil, p.errorf("%q is not an input metric or alias of this metric", p.text)
		}
		p.next()
		return &Ref{Input: in}, nil
	case tokOp:
		if p.text == "(" {
			p.next()
			n, err := p.sum()
			if err != nil {
				return nil, err
			}
			if p.tok != tokOp || p.text != ")" {
				return nil, p.errorf("missing closing parenthesis")
			}
			p.next()
			return n, nil
		}
		return nil, p.errorf("unexpected %q: only metric names, numbers, + - * / and parentheses are allowed", p.text)
	}
	return nil, p.errorf("unexpected end of expression")
}

// validNumber accepts digits with at most one decimal point and a digit on
// each side of it.
func validNumber(s string) bool {
	i := strings.IndexByte(s, '.')
	if i < 0 {
		return s != ""
	}
	return i > 0 && i < len(s)-1 && !strings.Contains(s[i+1:], ".")
}
