package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cockroachdb/apd/v3"
)

// Default layouts, in Go reference form, tried in order when a column
// declares no format.
var (
	defaultDateLayouts      = []string{"2006-01-02"}
	defaultTimestampLayouts = []string{"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999", "2006-01-02"}
	defaultTZLayouts        = []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999-0700"}
)

// Canonical text forms sent to the database, which casts them to the
// column type. Both engines read these forms for DATE, TIMESTAMP and
// TIMESTAMPTZ.
const (
	dateOut        = "2006-01-02"
	timestampOut   = "2006-01-02 15:04:05.999999"
	timestampTZOut = "2006-01-02 15:04:05.999999-07:00"
)

// convert checks one non-null input value against the column type and
// returns its canonical text. Values stay text so that decimals never pass
// through float64; the database casts them on insert.
func (c *column) convert(raw string) (string, error) {
	switch c.typ.Kind {
	case KindText:
		return convertText(raw)
	case KindInteger:
		return convertInteger(strings.TrimSpace(raw))
	case KindDecimal:
		return convertDecimal(strings.TrimSpace(raw), c.typ)
	case KindBoolean:
		return convertBoolean(strings.TrimSpace(raw))
	case KindDate:
		t, err := parseTime(strings.TrimSpace(raw), c.layouts, "date")
		return t.Format(dateOut), err
	case KindTimestamp:
		t, err := parseTime(strings.TrimSpace(raw), c.layouts, "timestamp")
		return t.Format(timestampOut), err
	case KindTimestampTZ:
		t, err := parseTime(strings.TrimSpace(raw), c.layouts, "timestamp with time zone")
		return t.Format(timestampTZOut), err
	}
	return "", fmt.Errorf("unsupported column type %q", c.typ.Kind)
}

// convertText rejects text that PostgreSQL cannot store (invalid UTF-8 or
// a NUL byte), so the row is reported by line rather than failing the whole
// COPY with no position.
func convertText(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("%q is not valid UTF-8: convert the file to UTF-8", s)
	}
	if strings.IndexByte(s, 0) >= 0 {
		return "", fmt.Errorf("%q contains a NUL byte", s)
	}
	return s, nil
}

func convertInteger(s string) (string, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return "", fmt.Errorf("%q is not an integer", s)
	}
	return strconv.FormatInt(n, 10), nil
}

// convertDecimal accepts a plain decimal number that fits the column's
// precision and scale exactly. It never rounds: a value with more decimal
// places than the scale is rejected, because rounding on load would change
// sums without anyone noticing.
func convertDecimal(s string, t ColumnType) (string, error) {
	d, _, err := apd.NewFromString(s)
	if err != nil || d.Form != apd.Finite {
		return "", fmt.Errorf("%q is not a decimal", s)
	}
	if d.Exponent < 0 && int(-d.Exponent) > t.Scale {
		// Trailing zeros beyond the scale do not change the value.
		reduced := new(apd.Decimal)
		reduced.Reduce(d)
		if reduced.Exponent < 0 && int(-reduced.Exponent) > t.Scale {
			return "", fmt.Errorf("%q has %d decimal places, more than the column's scale %d", s, -reduced.Exponent, t.Scale)
		}
		d = reduced
	}
	intDigits := int(d.NumDigits()) + int(d.Exponent)
	if d.IsZero() || intDigits < 0 {
		intDigits = 0
	}
	if intDigits > t.Precision-t.Scale {
		return "", fmt.Errorf("%q has %d integer digits, more than the %d that decimal(%d,%d) allows", s, intDigits, t.Precision-t.Scale, t.Precision, t.Scale)
	}
	return d.Text('f'), nil
}

func convertBoolean(s string) (string, error) {
	switch strings.ToLower(s) {
	case "true", "t", "yes", "y", "1":
		return "true", nil
	case "false", "f", "no", "n", "0":
		return "false", nil
	}
	return "", fmt.Errorf("%q is not a boolean (use true/false, t/f, yes/no or 1/0)", s)
}

func parseTime(s string, layouts []string, what string) (time.Time, error) {
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	quoted := make([]string, len(layouts))
	for i, l := range layouts {
		quoted[i] = strconv.Quote(l)
	}
	if len(quoted) == 1 {
		return time.Time{}, fmt.Errorf("%q is not a %s in layout %s", s, what, quoted[0])
	}
	return time.Time{}, fmt.Errorf("%q is not a %s in any of the layouts %s; set the column's format", s, what, strings.Join(quoted, ", "))
}
