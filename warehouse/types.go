package warehouse

import (
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/duckdb/duckdb-go/v2"
)

// Column types and the Go type of their non-NULL values. NULL is always nil.
const (
	TypeString  = "string"  // string
	TypeInteger = "integer" // int64; 8- to 64-bit signed and up to 32-bit unsigned integers
	// TypeDecimal is *apd.Decimal with the column's scale kept
	// (NUMERIC 1.50 stays 1.50). It also carries integers that may not
	// fit int64: DuckDB HUGEINT (the type of SUM over integers) and
	// UBIGINT.
	TypeDecimal = "decimal"
	TypeFloat   = "float"   // float64
	TypeBoolean = "boolean" // bool
	// TypeDate is a "YYYY-MM-DD" string, because a date has no time of
	// day or zone that a time.Time would invent.
	TypeDate = "date"
	// TypeTimestamp (without time zone) is a time.Time in UTC whose wall
	// clock reads the stored value: 2025-03-30 02:30 is returned as
	// 2025-03-30T02:30:00Z. The UTC location only says "no zone"; the
	// value is not an instant.
	TypeTimestamp = "timestamp"
	// TypeTimestampTZ is a time.Time in UTC: the instant stored,
	// independent of the session's TimeZone setting.
	TypeTimestampTZ = "timestamptz"
	TypeTime        = "time"     // "15:04:05.999999" string, as the engine prints it
	TypeInterval    = "interval" // the engine's text form, e.g. "00:05:00" or "1 day 02:00:00"
	TypeBytes       = "bytes"    // lower-case hex string
	// TypeOther is any type without a mapping (lists, structs, JSON); the
	// value is its text form.
	TypeOther = "other"
)

// columnType maps an engine type name to a column type.
func columnType(dialect, dbType string) string {
	name := strings.ToUpper(dbType)
	if i := strings.IndexByte(name, '('); i >= 0 {
		name = name[:i]
	}
	switch name {
	case "VARCHAR", "TEXT", "BPCHAR", "CHAR", "NAME", "UUID", "ENUM", "JSON", "JSONB", "CITEXT":
		return TypeString
	case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "INT2", "INT4", "INT8", "OID":
		return TypeInteger
	case "DECIMAL", "NUMERIC", "HUGEINT", "UHUGEINT", "UBIGINT", "BIGNUM":
		return TypeDecimal
	case "FLOAT", "DOUBLE", "REAL", "FLOAT4", "FLOAT8":
		return TypeFloat
	case "BOOLEAN", "BOOL":
		return TypeBoolean
	case "DATE":
		return TypeDate
	case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS":
		return TypeTimestamp
	case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE":
		return TypeTimestampTZ
	case "TIME", "TIMETZ":
		return TypeTime
	case "INTERVAL":
		return TypeInterval
	case "BLOB", "BYTEA":
		return TypeBytes
	}
	return TypeOther
}

// convert turns a scanned driver value into the Go type of typ. Drivers
// differ: lib/pq returns NUMERIC as text bytes and dates as time.Time,
// duckdb-go returns duckdb.Decimal and *big.Int. Nothing passes through
// float64 unless the column is a float.
func convert(typ string, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch typ {
	case TypeString, TypeTime, TypeInterval, TypeOther:
		return toText(v), nil
	case TypeInteger:
		return toInt64(v)
	case TypeDecimal:
		return toDecimal(v)
	case TypeFloat:
		return toFloat(v)
	case TypeBoolean:
		b, ok := v.(bool)
		if !ok {
			return nil, fmt.Errorf("expected a boolean, got %T", v)
		}
		return b, nil
	case TypeDate:
		return toDate(v), nil
	case TypeTimestamp:
		return toWallTime(v)
	case TypeTimestampTZ:
		t, ok := v.(time.Time)
		if !ok {
			return nil, fmt.Errorf("expected a timestamp, got %T", v)
		}
		return t.UTC(), nil
	case TypeBytes:
		if b, ok := v.([]byte); ok {
			return hex.EncodeToString(b), nil
		}
		return toText(v), nil
	}
	return nil, fmt.Errorf("no conversion for column type %q", typ)
}

func toText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case duckdb.Interval:
		return formatInterval(x)
	case time.Time:
		return x.Format("15:04:05.999999")
	}
	return fmt.Sprint(v)
}

func toInt64(v any) (any, error) {
	switch x := v.(type) {
	case int64:
		return x, nil
	case int32:
		return int64(x), nil
	case int16:
		return int64(x), nil
	case int8:
		return int64(x), nil
	case int:
		return int64(x), nil
	case uint8:
		return int64(x), nil
	case uint16:
		return int64(x), nil
	case uint32:
		return int64(x), nil
	}
	return nil, fmt.Errorf("expected an integer, got %T", v)
}

// toDecimal converts exactly: text is parsed as written, DuckDB decimals
// keep their unscaled big integer and scale.
func toDecimal(v any) (any, error) {
	switch x := v.(type) {
	case []byte:
		return parseDecimal(string(x))
	case string:
		return parseDecimal(x)
	case duckdb.Decimal:
		if x.Value == nil {
			return nil, fmt.Errorf("DuckDB decimal without a value")
		}
		return apd.NewWithBigInt(new(apd.BigInt).SetMathBigInt(x.Value), -int32(x.Scale)), nil
	case *big.Int:
		return apd.NewWithBigInt(new(apd.BigInt).SetMathBigInt(x), 0), nil
	case int64:
		return apd.New(x, 0), nil
	case uint64:
		return apd.NewWithBigInt(new(apd.BigInt).SetUint64(x), 0), nil
	case int32:
		return apd.New(int64(x), 0), nil
	}
	return nil, fmt.Errorf("expected a decimal, got %T", v)
}

func parseDecimal(s string) (*apd.Decimal, error) {
	d, _, err := apd.NewFromString(s)
	if err != nil {
		return nil, fmt.Errorf("invalid decimal %q: %w", s, err)
	}
	return d, nil
}

func toFloat(v any) (any, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case float32:
		return float64(x), nil
	case []byte: // lib/pq returns NaN and Infinity of some types as text
		var f float64
		_, err := fmt.Sscan(string(x), &f)
		return f, err
	}
	return nil, fmt.Errorf("expected a float, got %T", v)
}

// toDate formats a date as YYYY-MM-DD. Values the engines print as text
// ("infinity") pass through unchanged.
func toDate(v any) string {
	if t, ok := v.(time.Time); ok {
		return t.Format(time.DateOnly)
	}
	return toText(v)
}

// toWallTime keeps the wall clock of a zone-less timestamp and labels it
// UTC; lib/pq may attach a fixed zero offset and duckdb-go attaches UTC.
func toWallTime(v any) (any, error) {
	t, ok := v.(time.Time)
	if !ok {
		return nil, fmt.Errorf("expected a timestamp, got %T", v)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC), nil
}

// formatInterval prints a DuckDB interval the way PostgreSQL prints one
// ("1 mon 2 days 03:04:05.5"), so both engines give the same text.
func formatInterval(iv duckdb.Interval) string {
	var parts []string
	if iv.Months != 0 {
		parts = append(parts, plural(int64(iv.Months), "mon"))
	}
	if iv.Days != 0 {
		parts = append(parts, plural(int64(iv.Days), "day"))
	}
	if iv.Micros != 0 || len(parts) == 0 {
		micros := iv.Micros
		sign := ""
		if micros < 0 {
			sign, micros = "-", -micros
		}
		h, m := micros/3_600_000_000, micros/60_000_000%60
		s, frac := micros/1_000_000%60, micros%1_000_000
		clock := fmt.Sprintf("%s%02d:%02d:%02d", sign, h, m, s)
		if frac != 0 {
			clock += strings.TrimRight(fmt.Sprintf(".%06d", frac), "0")
		}
		parts = append(parts, clock)
	}
	return strings.Join(parts, " ")
}

func plural(n int64, unit string) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d %s", n, unit)
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
