package render

import "github.com/metricsd/metricsd/semantic/resolve"

// Postgres is PostgreSQL 13 or later. Its numeric type is arbitrary
// precision, so decimals need no widening.
type Postgres struct{ standard }

func (Postgres) Name() string { return "postgres" }

// LocalTime uses AT TIME ZONE: a timestamp without zone is first read as
// UTC, then shown in the query zone.
func (Postgres) LocalTime(col string, kind resolve.TimeKind, tz string) string {
	if kind == resolve.Timestamp {
		return "((" + col + " AT TIME ZONE 'UTC') AT TIME ZONE " + tz + ")"
	}
	return "(" + col + " AT TIME ZONE " + tz + ")"
}
