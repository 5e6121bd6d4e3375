package expr

import (
	"strconv"
	"strings"
	"time"

	"github.com/cockroachdb/apd/v3"
	celast "github.com/google/cel-go/common/ast"
	"github.com/google/cel-go/common/types"

	"github.com/metricsd/metricsd/semantic/diag"
)

// operand translates a value: a variable, a literal, a timestamp, date or
// duration constructor over a string literal, or a time plus or minus a
// duration. It returns nil after reporting a diagnostic.
func (t *translator) operand(e celast.Expr) operand {
	switch e.Kind() {
	case celast.IdentKind:
		name := e.AsIdent()
		t.names[name] = true
		return column{name: name, typ: t.env.vars[name]}
	case celast.LiteralKind:
		return t.literal(e)
	case celast.CallKind:
		return t.operandCall(e)
	}
	t.unsupported(e.ID(), "%s has no SQL translation", kindName(e))
	return nil
}

func (t *translator) literal(e celast.Expr) operand {
	switch v := e.AsLiteral().(type) {
	case types.String:
		return literal{kind: literalString, value: string(v)}
	case types.Int:
		return literal{kind: literalInt, value: int64(v)}
	case types.Double:
		return t.double(e, float64(v))
	case types.Bool:
		return literal{kind: literalBool, value: bool(v)}
	case types.Null:
		return literal{kind: literalNull}
	}
	t.unsupported(e.ID(), "%s literals have no SQL translation", e.AsLiteral().Type().TypeName())
	return nil
}

// double keeps the literal's decimal text as written, so binding it against
// a decimal column is exact. CEL stores double literals as float64, so the
// text comes from the source. The text is used only when it parses to the
// same float64. Otherwise the shortest text that round-trips the float64 is
// used instead.
func (t *translator) double(e celast.Expr, f float64) operand {
	text := t.src.number(e.ID())
	if g, err := strconv.ParseFloat(text, 64); err != nil || g != f {
		text = strconv.FormatFloat(f, 'g', -1, 64)
	}
	d, _, err := apd.NewFromString(text)
	if err != nil {
		t.diags.Add(diag.CELInvalidLiteral, t.src.at(e.ID()), "invalid number %s", text)
		return nil
	}
	scale := 0
	if d.Exponent < 0 {
		scale = int(-d.Exponent)
	}
	if scale > 38 {
		t.diags.Add(diag.CELInvalidLiteral, t.src.at(e.ID()), "number %s has %d digits after the point, but SQL decimals hold at most 38", text, scale)
		return nil
	}
	return literal{kind: literalDouble, value: f, exact: d.Text('f'), scale: scale}
}

func (t *translator) operandCall(e celast.Expr) operand {
	c := e.AsCall()
	switch fn := c.FunctionName(); fn {
	case fnTimestamp, fnDate, fnDuration:
		return t.constructor(e)
	case opAdd, opSubtract:
		return t.shift(e)
	default:
		if _, isComparison := sqlComparison[fn]; isComparison || fn == opAnd || fn == opOr || fn == opNot || fn == opIn {
			t.unsupported(e.ID(), "a condition used as a value has no SQL translation")
			return nil
		}
		t.unsupported(e.ID(), "%s has no SQL translation", callName(fn))
		return nil
	}
}

// constructor parses timestamp('…'), date('…') and duration('…') over a
// string literal at compile time, so a bad value is a diagnostic rather
// than a query failure.
func (t *translator) constructor(e celast.Expr) operand {
	c := e.AsCall()
	fn := c.FunctionName()
	args := c.Args()
	var text string
	isString := false
	if !c.IsMemberFunction() && len(args) == 1 {
		text, isString = stringLiteral(args[0])
	}
	if !isString {
		t.unsupported(e.ID(), "%s() takes a string literal in filters", fn)
		return nil
	}

	switch fn {
	case fnTimestamp:
		return t.timestamp(args[0], text)
	case fnDate:
		return t.date(args[0], text)
	}
	return t.duration(args[0], text)
}

func (t *translator) timestamp(arg celast.Expr, text string) operand {
	ts, err := time.Parse(time.RFC3339Nano, text)
	if err != nil {
		t.invalidLiteral(arg, "invalid timestamp %q: want RFC 3339, like 2024-01-01T00:00:00Z", text)
		return nil
	}
	return literal{kind: literalTimestamp, value: ts}
}

func (t *translator) date(arg celast.Expr, text string) operand {
	if _, err := time.Parse(time.DateOnly, text); err != nil {
		t.invalidLiteral(arg, "invalid date %q: want YYYY-MM-DD, like 2024-03-03", text)
		return nil
	}
	return literal{kind: literalDate, value: text}
}

func (t *translator) duration(arg celast.Expr, text string) operand {
	d, err := time.ParseDuration(text)
	if err != nil {
		t.invalidLiteral(arg, "invalid duration %q: want a number with a unit h, m, s, ms or us, like 36h", text)
		return nil
	}
	if d%time.Microsecond != 0 {
		t.invalidLiteral(arg, "duration %q is finer than a microsecond, which SQL intervals cannot hold", text)
		return nil
	}
	return literal{kind: literalDuration, value: d}
}

func (t *translator) invalidLiteral(e celast.Expr, format string, args ...any) {
	t.diags.Add(diag.CELInvalidLiteral, t.src.at(e.ID()), format, args...)
}

// shift translates time ± duration. The duration must be a literal, so the
// SQL is `(time + CAST(? AS INTERVAL))`.
func (t *translator) shift(e celast.Expr) operand {
	c := e.AsCall()
	fn := c.FunctionName()
	left, right := t.operand(c.Args()[0]), t.operand(c.Args()[1])
	if left == nil || right == nil {
		return nil
	}
	op := "+"
	if fn == opSubtract {
		op = "-"
	}
	if fn == opAdd && left.family() == familyDuration {
		left, right = right, left
	}
	by, isLiteral := right.(literal)
	if left.family() != familyTime || !isLiteral || by.kind != literalDuration {
		t.unsupported(e.ID(), "arithmetic has no SQL translation except timestamp ± duration('…')")
		return nil
	}
	return shifted{base: left, op: op, by: by.value.(time.Duration)}
}

// like translates startsWith, endsWith and contains to LIKE with the
// argument escaped: % _ and \ are prefixed with \ and the SQL names \ as
// the escape character.
func (t *translator) like(e celast.Expr) node {
	c := e.AsCall()
	if !c.IsMemberFunction() || len(c.Args()) != 1 {
		t.unsupported(e.ID(), "%s has no SQL translation", callName(c.FunctionName()))
		return nil
	}
	x := t.operand(c.Target())
	if x == nil {
		return nil
	}
	if x.family() != familyString {
		t.diags.Add(diag.CELType, t.src.at(e.ID()), "%s needs a string, got %s", c.FunctionName(), describeOperand(x))
		return nil
	}
	arg := c.Args()[0]
	text, isString := stringLiteral(arg)
	if !isString {
		t.unsupported(arg.ID(), "%s takes a string literal in filters", c.FunctionName())
		return nil
	}
	escaped := escapeLike(text)
	switch c.FunctionName() {
	case fnStarts:
		return likePattern{x: x, pattern: escaped + "%"}
	case fnEnds:
		return likePattern{x: x, pattern: "%" + escaped}
	}
	return likePattern{x: x, pattern: "%" + escaped + "%"}
}

func stringLiteral(e celast.Expr) (string, bool) {
	if e.Kind() != celast.LiteralKind {
		return "", false
	}
	s, ok := e.AsLiteral().(types.String)
	return string(s), ok
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// escapeLike escapes the LIKE wildcards and the escape character itself.
func escapeLike(s string) string { return likeEscaper.Replace(s) }
