package plan

import (
	"strings"
	"sync"
	"time"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/query"
)

// settings are the query's time options, checked once.
type settings struct {
	loc         *time.Location
	zone        string
	weekStart   int
	fiscalStart int
	start, end  bound
}

var weekdays = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

func readSettings(q query.Query, diags *diag.List) settings {
	s := settings{loc: time.UTC, zone: "UTC", fiscalStart: 1}
	if q.TimeZone != "" {
		loc, err := loadLocation(q.TimeZone)
		if err != nil || strings.EqualFold(q.TimeZone, "local") {
			diags.Add(diag.InvalidTimeZone, queryPos, "unknown time zone %q", q.TimeZone).
				WithDetail("use an IANA zone name such as Europe/Berlin or America/New_York")
		} else {
			s.loc, s.zone = loc, q.TimeZone
		}
	}
	if q.WeekStart != "" {
		s.weekStart = -1
		for i, d := range weekdays {
			if strings.EqualFold(q.WeekStart, d) {
				s.weekStart = i
			}
		}
		if s.weekStart < 0 {
			diags.Add(diag.InvalidQuery, queryPos, "unknown week start %q", q.WeekStart).
				WithSuggestions(diag.Suggest(strings.ToLower(q.WeekStart), weekdays))
			s.weekStart = 0
		}
	}
	switch m := q.FiscalYearStartMonth; {
	case m == 0:
	case m >= 1 && m <= 12:
		s.fiscalStart = m
	default:
		diags.Add(diag.InvalidQuery, queryPos, "fiscal year start month %d is not between 1 and 12", m)
	}
	if q.Limit < 0 || q.Offset < 0 {
		diags.Add(diag.InvalidQuery, queryPos, "limit and offset must not be negative (limit %d, offset %d)", q.Limit, q.Offset)
	}
	if q.TimeRange != nil {
		s.start, s.end = readRange(*q.TimeRange, s.loc, diags)
	}
	return s
}

// locations caches time zones: time.LoadLocation reads the zone database
// from disk on every call. Failures are not cached.
var locations sync.Map

func loadLocation(name string) (*time.Location, error) {
	if loc, ok := locations.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err == nil {
		locations.Store(name, loc)
	}
	return loc, err
}

// queryPos marks diagnostics about the query rather than a definitions file.
var queryPos = diag.Pos{File: "query"}

// bound is one end of a time range in local wall-clock terms.
type bound struct {
	set      bool
	t        time.Time // local wall clock in the query zone, or an instant when zoned
	dateOnly bool
	zoned    bool // written with an offset: an instant, not local time
}

var boundLayouts = []struct {
	layout   string
	dateOnly bool
	zoned    bool
}{
	{"2006-01-02", true, false},
	{"2006-01-02T15:04:05", false, false},
	{"2006-01-02 15:04:05", false, false},
	{"2006-01-02T15:04", false, false},
	{time.RFC3339Nano, false, true},
}

func readBound(s string, loc *time.Location, which string, diags *diag.List) bound {
	s = strings.TrimSpace(s)
	if s == "" {
		return bound{}
	}
	for _, l := range boundLayouts {
		var t time.Time
		var err error
		if l.zoned {
			t, err = time.Parse(l.layout, s)
		} else {
			t, err = time.ParseInLocation(l.layout, s, loc)
		}
		if err == nil {
			return bound{set: true, t: t, dateOnly: l.dateOnly, zoned: l.zoned}
		}
	}
	diags.Add(diag.InvalidTimeRange, queryPos, "time range %s %q is not a date or timestamp", which, s).
		WithDetail("write 2024-02-29, 2024-02-29T13:00:00 (local to the query time zone) or an RFC 3339 instant")
	return bound{}
}

func readRange(r query.TimeRange, loc *time.Location, diags *diag.List) (bound, bound) {
	start := readBound(r.Start, loc, "start", diags)
	end := readBound(r.End, loc, "end", diags)
	if end.set && end.dateOnly {
		// a whole day: up to the next local midnight, whatever its offset
		end.t = time.Date(end.t.Year(), end.t.Month(), end.t.Day()+1, 0, 0, 0, 0, loc)
	}
	if start.set && end.set && !end.t.After(start.t) {
		diags.Add(diag.InvalidTimeRange, queryPos, "time range ends (%s) before it starts (%s)", r.End, r.Start)
	}
	return start, end
}
