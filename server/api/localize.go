package api

import "time"

// LocalizeTimestamps relabels timestamp cells in place: the warehouse
// returns a bucket start as local wall-clock time labelled UTC, and this
// gives it the query zone's offset, so "2025-03-30 03:00" in Europe/Berlin
// prints as "2025-03-30T03:00:00+02:00" rather than as a wrong instant.
// types holds each column's type; only "timestamp" columns change.
// NOTE: a wall-clock time repeated by a DST change (the autumn hour) maps to
// its first occurrence.
func LocalizeTimestamps(types []string, rows [][]any, zone string) {
	if zone == "" {
		return
	}
	loc, err := time.LoadLocation(zone)
	if err != nil || loc == time.UTC {
		return
	}
	for j, typ := range types {
		if typ != "timestamp" {
			continue
		}
		for _, row := range rows {
			if t, ok := row[j].(time.Time); ok {
				row[j] = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
			}
		}
	}
}
