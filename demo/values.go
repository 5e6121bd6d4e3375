package demo

import (
	"strconv"
	"time"
)

// Day is a calendar date, counted in days since 1970-01-01.
type Day int32

// DayOf returns the date of t in UTC.
func DayOf(t time.Time) Day {
	return Day(t.UTC().Unix() / 86400)
}

// Time returns midnight UTC at the start of d.
func (d Day) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String formats d as YYYY-MM-DD.
func (d Day) String() string { return d.Time().Format(time.DateOnly) }

// Money is an amount in cents, so sums stay exact; it is written as a
// decimal string with two places.
type Money int64

// String formats m as a decimal with two places, e.g. -12.05.
func (m Money) String() string {
	sign := ""
	v := int64(m)
	if v < 0 {
		sign, v = "-", -v
	}
	cents := strconv.FormatInt(v%100, 10)
	if len(cents) == 1 {
		cents = "0" + cents
	}
	return sign + strconv.FormatInt(v/100, 10) + "." + cents
}

// formatTimestamp writes a timestamptz in UTC with microseconds, the
// precision both engines store.
func formatTimestamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000000Z")
}

// formatValue is the canonical text of a row value: the CSV output and the
// checksum use it. NULL is the empty string.
func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case Money:
		return x.String()
	case Day:
		return x.String()
	case time.Time:
		return formatTimestamp(x)
	}
	panic("demo: unexpected value type in a row")
}
