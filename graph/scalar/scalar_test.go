package scalar

import (
	"bytes"
	"math"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"
)

func marshal(v any) string {
	var b bytes.Buffer
	MarshalValue(v).MarshalGQL(&b)
	return b.String()
}

func TestMarshalValueEncodings(t *testing.T) {
	big, _, _ := apd.NewFromString("12345678901234567890.125")
	exp, _, _ := apd.NewFromString("1E+3")
	cases := []struct {
		name string
		in   any
		want string
	}{
		{"null", nil, "null"},
		{"string", "a\"b", `"a\"b"`},
		{"bool", true, "true"},
		{"int64 above 2^53", int64(9007199254740993), `"9007199254740993"`},
		{"decimal keeps every digit", big, `"12345678901234567890.125"`},
		{"decimal without exponent", exp, `"1000"`},
		{"float", 0.1, "0.1"},
		{"NaN", math.NaN(), "null"},
		{"timestamp", time.Date(2025, 3, 30, 1, 30, 0, 0, time.UTC), `"2025-03-30T01:30:00Z"`},
	}
	for _, c := range cases {
		if got := marshal(c.in); got != c.want {
			t.Errorf("%s: MarshalValue(%v) = %s, want %s", c.name, c.in, got, c.want)
		}
	}
}

func TestUnmarshalDecimalRejectsFloat(t *testing.T) {
	if _, err := UnmarshalDecimal(0.1); err == nil {
		t.Fatal("UnmarshalDecimal(0.1 as float64) succeeded; want an error asking for a string")
	}
	d, err := UnmarshalDecimal("0.10")
	if err != nil {
		t.Fatal(err)
	}
	if d.String() != "0.10" {
		t.Errorf("UnmarshalDecimal(\"0.10\") = %s, want 0.10", d.String())
	}
}

func TestUnmarshalInt64(t *testing.T) {
	n, err := UnmarshalInt64("9223372036854775807")
	if err != nil || n != math.MaxInt64 {
		t.Fatalf("UnmarshalInt64(max) = %d, %v", n, err)
	}
	if _, err := UnmarshalInt64("9223372036854775808"); err == nil {
		t.Error("UnmarshalInt64 accepted a value above 2^63-1")
	}
}
