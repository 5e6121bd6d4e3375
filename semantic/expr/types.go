package expr

import (
	"fmt"

	"github.com/google/cel-go/cel"
)

// Type is the SQL type family of a filter variable. It decides how the
// variable is declared to CEL and how literals compared with it are bound.
type Type int

// Variable types.
const (
	String Type = iota + 1
	Int
	Decimal
	Float
	Bool
	Timestamp
	Date
)

var typeNames = map[Type]string{
	String:    "string",
	Int:       "int",
	Decimal:   "decimal",
	Float:     "float",
	Bool:      "bool",
	Timestamp: "timestamp",
	Date:      "date",
}

func (t Type) String() string {
	if s, ok := typeNames[t]; ok {
		return s
	}
	return fmt.Sprintf("Type(%d)", int(t))
}

// Var is one variable a filter may reference: a column the engine can map to
// SQL through SQLWriter.Column.
type Var struct {
	Name string
	Type Type
}

// celType returns the CEL declaration of a variable type. Columns are
// nullable, so String and Bool use CEL's nullable wrapper types, which make
// `x == null` type-check. The numeric types are dyn because the CEL checker
// has no equality between int and double, and `amount == 100` or
// `visits == 2.0` must be accepted, so the translator checks their operands
// itself. Date is a timestamp to CEL so dates and timestamps compare with
// each other.
func (t Type) celType() (*cel.Type, error) {
	switch t {
	case String:
		return cel.NullableType(cel.StringType), nil
	case Bool:
		return cel.NullableType(cel.BoolType), nil
	case Int, Decimal, Float:
		return cel.DynType, nil
	case Timestamp, Date:
		return cel.TimestampType, nil
	}
	return nil, fmt.Errorf("unknown variable type %v", t)
}

func (t Type) numeric() bool { return t == Int || t == Decimal || t == Float }

func (t Type) temporal() bool { return t == Timestamp || t == Date }
