package ingest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Kind is a column's declared type without its parameters.
type Kind string

// Column kinds a location may declare.
const (
	KindText        Kind = "text"
	KindInteger     Kind = "integer"
	KindDecimal     Kind = "decimal"
	KindBoolean     Kind = "boolean"
	KindDate        Kind = "date"
	KindTimestamp   Kind = "timestamp"
	KindTimestampTZ Kind = "timestamptz"
)

// Default decimal precision and scale when a column declares only "decimal":
// wide enough for money and measurements, and within DuckDB's maximum
// precision of 38.
const (
	defaultPrecision = 38
	defaultScale     = 10
)

// ColumnType is a parsed column type such as decimal(12,2).
type ColumnType struct {
	Kind      Kind
	Precision int // decimal only
	Scale     int // decimal only
}

var decimalPattern = regexp.MustCompile(`^decimal\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)$`)

// ParseColumnType parses a declared type: text, integer, decimal,
// decimal(p,s), boolean, date, timestamp or timestamptz.
func ParseColumnType(s string) (ColumnType, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch Kind(t) {
	case "":
		return ColumnType{Kind: KindText}, nil
	case KindText, KindInteger, KindBoolean, KindDate, KindTimestamp, KindTimestampTZ:
		return ColumnType{Kind: Kind(t)}, nil
	case KindDecimal:
		return ColumnType{Kind: KindDecimal, Precision: defaultPrecision, Scale: defaultScale}, nil
	}
	m := decimalPattern.FindStringSubmatch(t)
	if m == nil {
		return ColumnType{}, fmt.Errorf("unknown column type %q: use text, integer, decimal(p,s), boolean, date, timestamp or timestamptz", s)
	}
	p, _ := strconv.Atoi(m[1])
	sc, _ := strconv.Atoi(m[2])
	if p < 1 || p > 38 || sc > p {
		return ColumnType{}, fmt.Errorf("invalid column type %q: precision must be 1 to 38 and scale at most the precision", s)
	}
	return ColumnType{Kind: KindDecimal, Precision: p, Scale: sc}, nil
}

// SQL returns the column type in the dialect's DDL. Both supported dialects
// spell these types the same way.
func (t ColumnType) SQL() string {
	switch t.Kind {
	case KindInteger:
		return "BIGINT"
	case KindDecimal:
		return fmt.Sprintf("DECIMAL(%d,%d)", t.Precision, t.Scale)
	case KindBoolean:
		return "BOOLEAN"
	case KindDate:
		return "DATE"
	case KindTimestamp:
		return "TIMESTAMP"
	case KindTimestampTZ:
		return "TIMESTAMPTZ"
	}
	return "TEXT"
}
