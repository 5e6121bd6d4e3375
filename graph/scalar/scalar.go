// Package scalar implements the custom GraphQL scalars. Decimal and Int64
// travel as JSON strings so no client parses them into a binary float; Value
// is a result cell or bind parameter whose encoding follows its Go type.
package scalar

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/cockroachdb/apd/v3"
)

// MarshalDecimal writes d in plain notation (never an exponent) as a JSON
// string.
func MarshalDecimal(d apd.Decimal) graphql.Marshaler {
	return graphql.MarshalString(d.Text('f'))
}

// UnmarshalDecimal reads a Decimal from a JSON string or a JSON integer.
// JSON fractions arrive as float64 and are rejected, because their exact
// value is already lost.
func UnmarshalDecimal(v any) (apd.Decimal, error) {
	var d apd.Decimal
	switch v := v.(type) {
	case string:
		if _, _, err := d.SetString(v); err != nil {
			return d, fmt.Errorf("invalid Decimal %q: write an exact decimal such as \"12.50\"", v)
		}
		return d, nil
	case int64:
		d.SetInt64(v)
		return d, nil
	case int:
		d.SetInt64(int64(v))
		return d, nil
	}
	return d, fmt.Errorf("invalid Decimal %v (%T): send it as a string such as \"12.50\"", v, v)
}

// MarshalInt64 writes n as a JSON string.
func MarshalInt64(n int64) graphql.Marshaler {
	return graphql.MarshalString(strconv.FormatInt(n, 10))
}

// UnmarshalInt64 reads an Int64 from a JSON string or a JSON integer.
func UnmarshalInt64(v any) (int64, error) {
	switch v := v.(type) {
	case string:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("invalid Int64 %q: write a whole number between -2^63 and 2^63-1", v)
		}
		return n, nil
	case int64:
		return v, nil
	case int:
		return int64(v), nil
	}
	return 0, fmt.Errorf("invalid Int64 %v (%T): send it as a string such as \"42\"", v, v)
}

// MarshalValue writes one cell: nil as null, strings and booleans as
// themselves, int64 and decimals as strings, float64 as a number (NaN and
// infinities as null, which JSON cannot carry), time.Time as RFC 3339.
func MarshalValue(v any) graphql.Marshaler {
	switch v := v.(type) {
	case nil:
		return graphql.Null
	case string:
		return graphql.MarshalString(v)
	case bool:
		return graphql.MarshalBoolean(v)
	case int64:
		return MarshalInt64(v)
	case int:
		return MarshalInt64(int64(v))
	case int32:
		return MarshalInt64(int64(v))
	case *apd.Decimal:
		if v == nil {
			return graphql.Null
		}
		return MarshalDecimal(*v)
	case apd.Decimal:
		return MarshalDecimal(v)
	case float64:
		return marshalFloat(v)
	case float32:
		return marshalFloat(float64(v))
	case time.Time:
		return graphql.MarshalString(v.Format(time.RFC3339Nano))
	case []byte:
		return graphql.MarshalString(string(v))
	}
	return graphql.MarshalString(fmt.Sprint(v))
}

func marshalFloat(f float64) graphql.Marshaler {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return graphql.Null
	}
	return graphql.WriterFunc(func(w io.Writer) {
		io.WriteString(w, strconv.FormatFloat(f, 'g', -1, 64))
	})
}

// UnmarshalValue accepts any JSON value unchanged.
func UnmarshalValue(v any) (any, error) { return v, nil }
