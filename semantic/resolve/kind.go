package resolve

import (
	"strings"

	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/semantic/query"
)

// TimeKind says how a time column holds its values, which decides how the
// query time zone applies to it.
type TimeKind int

const (
	// Date holds calendar dates; the time zone never shifts them.
	Date TimeKind = iota
	// Timestamp holds timestamps without zone whose values are UTC instants.
	Timestamp
	// TimestampTZ holds zone-aware instants.
	TimestampTZ
	// AnyTimestamp is a timestamp column whose type the definitions do not
	// state. It is read through its epoch, which both engines compute the
	// same way for zone-aware instants and for timestamps without zone
	// (taken as UTC), so neither the column type nor the session time zone
	// changes the result.
	AnyTimestamp
)

func (k TimeKind) String() string {
	switch k {
	case Timestamp:
		return "timestamp"
	case TimestampTZ:
		return "timestamptz"
	case AnyTimestamp:
		return "timestamp of either kind"
	}
	return "date"
}

// IsIdent reports whether a definitions expression is a bare column name
// (a letter or underscore, then letters, digits and underscores), which the
// renderer quotes. Anything else is SQL written by an engineer and is used
// as written.
func IsIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// timeKind finds the kind of a time dimension. A data_type of date or
// timestamp (a timestamp without zone holding UTC instants) decides; else
// the type of the source column it names, when the model's source catalogs
// it; else the grain: day or coarser is a date, finer is a timestamp of
// either kind.
func timeKind(set *model.Set, t *model.SemanticModel, d *model.Dimension, expr string) TimeKind {
	switch d.DataType {
	case "date":
		return Date
	case "timestamp":
		return Timestamp
	}
	if typ, ok := sourceColumnType(set, t.Source, expr); ok {
		switch {
		case typ == "date":
			return Date
		case typ == "timestamptz" || strings.Contains(typ, "with time zone"):
			return TimestampTZ
		case strings.HasPrefix(typ, "timestamp"):
			return Timestamp
		}
	}
	grain := d.Grain
	if grain == "" {
		grain = "day"
	}
	if query.GrainRank(grain) >= query.GrainRank("day") {
		return Date
	}
	return AnyTimestamp
}

func sourceColumnType(set *model.Set, source, column string) (string, bool) {
	if source == "" || !IsIdent(column) {
		return "", false
	}
	for _, s := range set.Sources {
		if s.Name != source {
			continue
		}
		for _, c := range s.Location.Columns {
			if c.Name == column {
				return strings.ToLower(c.Type), true
			}
		}
	}
	return "", false
}
