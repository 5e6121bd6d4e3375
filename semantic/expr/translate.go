package expr

import (
	"fmt"

	celast "github.com/google/cel-go/common/ast"

	"github.com/metricsd/metricsd/semantic/diag"
)

// Function names of the CEL standard library operators and of the functions
// filters may use.
const (
	opAnd       = "_&&_"
	opOr        = "_||_"
	opNot       = "!_"
	opEquals    = "_==_"
	opNotEquals = "_!=_"
	opLess      = "_<_"
	opLessEq    = "_<=_"
	opGreater   = "_>_"
	opGreaterEq = "_>=_"
	opIn        = "@in"
	opAdd       = "_+_"
	opSubtract  = "_-_"
	fnStarts    = "startsWith"
	fnEnds      = "endsWith"
	fnContains  = "contains"
	fnTimestamp = "timestamp"
	fnDate      = "date"
	fnDuration  = "duration"
)

// supportedSQL is the detail of every CEL_UNSUPPORTED diagnostic.
const supportedSQL = "supported in filters: == != < <= > >= && || ! ( ), x in [literals], x == null, " +
	"s.startsWith('…'), s.endsWith('…'), s.contains('…'), timestamp('…'), date('…'), duration('…') " +
	"and timestamp ± duration"

var sqlComparison = map[string]string{
	opEquals:    "=",
	opNotEquals: "<>",
	opLess:      "<",
	opLessEq:    "<=",
	opGreater:   ">",
	opGreaterEq: ">=",
}

// translator turns a checked CEL expression into the node tree WriteSQL
// renders, reporting what has no SQL form as CEL_UNSUPPORTED.
type translator struct {
	env   *Env
	src   *source
	diags diag.List
	names map[string]bool
}

func (t *translator) unsupported(id int64, format string, args ...any) {
	t.diags.Add(diag.CELUnsupported, t.src.at(id), format, args...).WithDetail(supportedSQL)
}

// condition translates an expression used as a condition.
func (t *translator) condition(e celast.Expr) node {
	switch e.Kind() {
	case celast.CallKind:
		return t.call(e)
	case celast.IdentKind, celast.LiteralKind:
		x := t.operand(e)
		if x == nil {
			return nil
		}
		if x.family() != familyBool {
			t.diags.Add(diag.CELType, t.src.at(e.ID()), "%s is a %s, not a condition", t.describe(e), x.family())
			return nil
		}
		return predicate{x: x}
	}
	t.unsupported(e.ID(), "%s has no SQL translation", kindName(e))
	return nil
}

func (t *translator) call(e celast.Expr) node {
	c := e.AsCall()
	fn := c.FunctionName()
	switch fn {
	case opAnd, opOr:
		return t.logical(c)
	case opNot:
		return t.negation(c)
	case opEquals, opNotEquals:
		if n, isNullCheck := t.nullCheck(c); isNullCheck {
			return n
		}
		return t.comparison(e)
	case opLess, opLessEq, opGreater, opGreaterEq:
		return t.comparison(e)
	case opIn:
		return t.membership(e)
	case fnStarts, fnEnds, fnContains:
		return t.like(e)
	}
	t.unsupported(e.ID(), "%s is not a condition with a SQL translation", callName(fn))
	return nil
}

func (t *translator) logical(c celast.CallExpr) node {
	left := t.condition(c.Args()[0])
	right := t.condition(c.Args()[1])
	if left == nil || right == nil {
		return nil
	}
	op := "AND"
	if c.FunctionName() == opOr {
		op = "OR"
	}
	return logical{op: op, left: left, right: right}
}

// negation folds NOT into IN and IS NULL, so `!(x in [...])` renders as
// NOT IN and `!(x == null)` as IS NOT NULL.
func (t *translator) negation(c celast.CallExpr) node {
	x := t.condition(c.Args()[0])
	switch n := x.(type) {
	case nil:
		return nil
	case membership:
		n.not = !n.not
		return n
	case nullCheck:
		n.not = !n.not
		return n
	}
	return negation{x: x}
}

// nullCheck translates == or != with the null literal on one side to IS
// NULL or IS NOT NULL. isNullCheck is false when neither side is null; the
// node is nil after a diagnostic.
func (t *translator) nullCheck(c celast.CallExpr) (n node, isNullCheck bool) {
	left, right := c.Args()[0], c.Args()[1]
	if isNull(left) {
		left, right = right, left
	}
	if !isNull(right) {
		return nil, false
	}
	if isNull(left) {
		t.unsupported(left.ID(), "null compared with null has no SQL translation")
		return nil, true
	}
	x := t.operand(left)
	if x == nil {
		return nil, true
	}
	return nullCheck{x: x, not: c.FunctionName() == opNotEquals}, true
}

func isNull(e celast.Expr) bool {
	return e.Kind() == celast.LiteralKind && e.AsLiteral().Type().TypeName() == "null_type"
}

func (t *translator) comparison(e celast.Expr) node {
	c := e.AsCall()
	left := t.operand(c.Args()[0])
	right := t.operand(c.Args()[1])
	if left == nil || right == nil {
		return nil
	}
	if !t.comparable(e.ID(), left, right) {
		return nil
	}
	return comparison{op: sqlComparison[c.FunctionName()], left: left, right: right}
}

// comparable checks operand families. CEL has checked every operand except
// numeric columns, which are declared dyn.
func (t *translator) comparable(id int64, left, right operand) bool {
	if left.family() == right.family() {
		return true
	}
	t.diags.Add(diag.CELType, t.src.at(id), "cannot compare %s with %s", describeOperand(left), describeOperand(right))
	return false
}

func (t *translator) membership(e celast.Expr) node {
	c := e.AsCall()
	x := t.operand(c.Args()[0])
	list := c.Args()[1]
	if list.Kind() != celast.ListKind {
		t.unsupported(list.ID(), "the right side of `in` must be a list of literals, like ['a', 'b']")
		return nil
	}
	n := membership{x: x}
	ok := x != nil
	for _, el := range list.AsList().Elements() {
		v, good := t.listElement(el, x)
		ok = ok && good
		n.values = append(n.values, v)
	}
	if !ok {
		return nil
	}
	return n
}

// listElement translates one element of an `in` list, which must be a
// non-null literal comparable with x.
func (t *translator) listElement(el celast.Expr, x operand) (literal, bool) {
	var o operand
	if el.Kind() == celast.LiteralKind || el.Kind() == celast.CallKind {
		if o = t.operand(el); o == nil {
			return literal{}, false // operand reported why
		}
	}
	v, isLiteral := o.(literal)
	if !isLiteral {
		t.unsupported(el.ID(), "list elements must be literals, got %s", t.describe(el))
		return literal{}, false
	}
	if v.kind == literalNull {
		t.unsupported(el.ID(), "null in a list has no SQL translation. Write `x == null || x in [...]` instead")
		return literal{}, false
	}
	if x != nil && !t.comparable(el.ID(), x, v) {
		return literal{}, false
	}
	return v, true
}

func describeOperand(o operand) string {
	switch o := o.(type) {
	case column:
		return fmt.Sprintf("%s (%s)", o.name, o.typ)
	case literal:
		return fmt.Sprintf("a %s literal", o.family())
	}
	return "a timestamp"
}

func kindName(e celast.Expr) string {
	switch e.Kind() {
	case celast.ListKind:
		return "a list"
	case celast.MapKind:
		return "a map"
	case celast.StructKind:
		return "a message"
	case celast.SelectKind:
		return "a field selection"
	case celast.ComprehensionKind:
		return "a macro"
	}
	return "this expression"
}

func (t *translator) describe(e celast.Expr) string {
	if s, ok := t.src.text(e.ID()); ok && e.Kind() != celast.CallKind {
		return "`" + s + "`"
	}
	if e.Kind() == celast.CallKind {
		return callName(e.AsCall().FunctionName())
	}
	return kindName(e)
}

// callName names an operator as written, for messages.
func callName(fn string) string {
	ops := map[string]string{
		opAnd: "&&", opOr: "||", opNot: "!", opEquals: "==", opNotEquals: "!=",
		opLess: "<", opLessEq: "<=", opGreater: ">", opGreaterEq: ">=", opIn: "in",
		opAdd: "+", opSubtract: "-", "_*_": "*", "_/_": "/", "_%_": "%", "-_": "unary -",
		"_?_:_": "?:", "_[_]": "[]",
	}
	if op, ok := ops[fn]; ok {
		return "operator " + op
	}
	return "function " + fn
}
