// Package render writes a plan as SQL for one dialect. The SQL shape is the
// same everywhere; a Dialect supplies only the spellings that differ
// (quoting, placeholders, time zone conversion, percentiles, decimal
// widening). User values never appear in the text: they are bind
// parameters, and identifiers come from validated definitions, quoted.
package render

import (
	"strconv"
	"strings"

	"github.com/metricsd/metricsd/semantic/resolve"
)

// Dialect spells what differs between SQL engines.
type Dialect interface {
	// Name is the dialect's name: "duckdb" or "postgres".
	Name() string
	// Quote quotes one identifier part; QuoteTo writes the same to b.
	Quote(ident string) string
	QuoteTo(b *strings.Builder, ident string)
	// Placeholder is the bind parameter for the n-th (1-based) argument.
	Placeholder(n int) string
	// LocalTime converts a time column of the given kind to a timestamp
	// without zone in the zone bound at tz (a placeholder). Date columns are
	// never passed here.
	LocalTime(col string, kind resolve.TimeKind, tz string) string
	// Instant converts a timestamp column of either kind to a zone-aware
	// instant, reading a timestamp without zone as UTC.
	Instant(col string) string
	// Percentile is the continuous percentile p (a literal) of x.
	Percentile(p, x string) string
	// Widen makes a decimal operand wide enough that multiplying it cannot
	// overflow the engine's fixed-width decimal, keeping its scale.
	Widen(x string) string
	// Double is the double precision type name.
	Double() string
	// Supports reports whether the dialect can express a feature; Render
	// rejects plans that need one it cannot.
	Supports(f Feature) bool
	// StackByName reports whether the dialect merges sources with UNION
	// ALL BY NAME instead of FULL JOIN ON FALSE.
	StackByName() bool
}

// standard is the ANSI spelling both supported engines share; dialects
// embed it and override what differs.
type standard struct{}

func (standard) Quote(ident string) string {
	if strings.IndexByte(ident, '"') >= 0 {
		ident = strings.ReplaceAll(ident, `"`, `""`)
	}
	return `"` + ident + `"`
}

func (standard) QuoteTo(b *strings.Builder, ident string) {
	if strings.IndexByte(ident, '"') >= 0 {
		ident = strings.ReplaceAll(ident, `"`, `""`)
	}
	b.WriteByte('"')
	b.WriteString(ident)
	b.WriteByte('"')
}

func (standard) Placeholder(n int) string { return "$" + strconv.Itoa(n) }

func (standard) Percentile(p, x string) string {
	return "percentile_cont(" + p + ") WITHIN GROUP (ORDER BY " + x + ")"
}

func (standard) Widen(x string) string { return x }

func (standard) Double() string { return "DOUBLE PRECISION" }

func (standard) Supports(Feature) bool { return true }

func (standard) StackByName() bool { return false }

// ByName returns the dialect with that name, or nil.
func ByName(name string) Dialect {
	switch name {
	case "postgres", "postgresql":
		return Postgres{}
	case "duckdb":
		return DuckDB{}
	}
	return nil
}

// Names lists the supported dialects.
var Names = []string{"duckdb", "postgres"}
