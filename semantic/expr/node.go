package expr

import "time"

// node is a condition of the translated filter. Compile builds the tree
// once and WriteSQL renders it for each query, so rendering checks nothing
// beyond what the SQLWriter reports.
type node interface {
	sql(r *renderer) (string, error)
}

// logical is `left AND right` or `left OR right`.
type logical struct {
	op          string // AND | OR
	left, right node
}

// negation is `NOT x` for conditions without a dedicated negated form.
type negation struct{ x node }

// comparison is `left op right` with op one of = <> < <= > >=.
type comparison struct {
	op          string
	left, right operand
}

// nullCheck is `x IS NULL`, or `x IS NOT NULL` when not is set.
type nullCheck struct {
	x   operand
	not bool
}

// membership is `x IN (...)`, or `x NOT IN (...)` when not is set.
type membership struct {
	x      operand
	values []literal
	not    bool
}

// likePattern is `x LIKE pattern ESCAPE '\'` with the pattern already
// escaped. The pattern is bound, never inlined.
type likePattern struct {
	x       operand
	pattern string
}

// predicate is a bare boolean operand used as a condition.
type predicate struct{ x operand }

// operand is a value inside a condition: a column, a literal or a time
// shifted by a duration.
type operand interface {
	family() family
}

// family groups operand types that SQL compares with each other.
type family int

const (
	familyString family = iota + 1
	familyNumber
	familyBool
	familyTime
	familyDuration
	familyNull
)

var familyNames = map[family]string{
	familyString:   "string",
	familyNumber:   "number",
	familyBool:     "bool",
	familyTime:     "timestamp",
	familyDuration: "duration",
	familyNull:     "null",
}

func (f family) String() string { return familyNames[f] }

type column struct {
	name string
	typ  Type
}

func (c column) family() family {
	switch {
	case c.typ == String:
		return familyString
	case c.typ.numeric():
		return familyNumber
	case c.typ == Bool:
		return familyBool
	}
	return familyTime
}

// literalKind is the CEL type of a literal.
type literalKind int

const (
	literalString literalKind = iota + 1
	literalInt
	literalDouble
	literalBool
	literalTimestamp
	literalDate
	literalDuration
	literalNull
)

// literal is a constant of the expression. Every literal reaches SQL as a
// bind parameter.
type literal struct {
	kind literalKind
	// value is string, int64, float64, bool, time.Time (timestamp),
	// string (date, as YYYY-MM-DD) or time.Duration.
	value any
	// exact is the decimal text of a double literal, for binding against
	// decimal columns without going through float64.
	exact string
	// scale is the number of fraction digits in exact.
	scale int
}

func (l literal) family() family {
	switch l.kind {
	case literalString:
		return familyString
	case literalInt, literalDouble:
		return familyNumber
	case literalBool:
		return familyBool
	case literalTimestamp, literalDate:
		return familyTime
	case literalDuration:
		return familyDuration
	}
	return familyNull
}

// shifted is a timestamp or date plus or minus a duration literal.
type shifted struct {
	base operand
	op   string // + | -
	by   time.Duration
}

func (shifted) family() family { return familyTime }
