package render

import "github.com/metricsd/metricsd/semantic/resolve"

// Postgres is PostgreSQL 13 or later. Its numeric type is arbitrary
// precision, so decimals need no widening.
type Postgres struct{ standard }

func (Postgres) Name() string { return "postgres" }

// LocalTime uses AT TIME ZONE: a timestamp without zone is first read as
// UTC, then shown in the query zone.
func (p Postgres) LocalTime(col string, kind resolve.TimeKind, tz string) string {
	switch kind {
	case resolve.Timestamp:
		return "((" + col + " AT TIME ZONE 'UTC') AT TIME ZONE " + tz + ")"
	case resolve.AnyTimestamp:
		return "(" + p.Instant(col) + " AT TIME ZONE " + tz + ")"
	}
	return "(" + col + " AT TIME ZONE " + tz + ")"
}

// Instant goes through the epoch, which PostgreSQL takes as UTC for a
// timestamp without zone. to_timestamp rounds to the microsecond, so
// values keep their microseconds.
func (Postgres) Instant(col string) string {
	return "to_timestamp(extract(epoch FROM " + col + "))"
}
