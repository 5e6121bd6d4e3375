package plan

import (
	"testing"
	"time"

	"github.com/metricsd/metricsd/semantic/resolve"
)

func date(s string) time.Time {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestTruncDateBuckets(t *testing.T) {
	cases := []struct {
		day, grain   string
		week, fiscal int
		want         string
	}{
		{"2024-01-03", "week", 0, 1, "2024-01-01"},    // Monday weeks
		{"2024-01-03", "week", 6, 1, "2023-12-31"},    // Sunday weeks cross the year
		{"2023-12-31", "week", 6, 1, "2023-12-31"},    // a Sunday starts its own week
		{"2024-02-29", "month", 0, 1, "2024-02-01"},   // leap day
		{"2024-03-31", "quarter", 0, 1, "2024-01-01"}, // calendar quarter
		{"2024-03-31", "quarter", 0, 2, "2024-02-01"}, // quarters from February
		{"2024-03-31", "year", 0, 4, "2023-04-01"},    // fiscal year from April
		{"2024-04-01", "year", 0, 4, "2024-04-01"},
		{"2024-01-15", "year", 0, 1, "2024-01-01"},
	}
	for _, c := range cases {
		got := truncDate(date(c.day), TimeSpec{Grain: c.grain, WeekStart: c.week, FiscalStart: c.fiscal}).Format(dateLayout)
		if got != c.want {
			t.Errorf("truncDate(%s, %s, week start %d, fiscal %d) = %s, want %s", c.day, c.grain, c.week, c.fiscal, got, c.want)
		}
	}
}

func TestShiftDateStaysInMonth(t *testing.T) {
	cases := []struct {
		day  string
		iv   resolve.Interval
		want string
	}{
		{"2024-03-31", resolve.Interval{N: 1, Unit: "month"}, "2024-02-01"},
		{"2024-02-29", resolve.Interval{N: 1, Unit: "year"}, "2023-02-01"},
		{"2024-03-01", resolve.Interval{N: 3, Unit: "day"}, "2024-02-27"},
	}
	for _, c := range cases {
		if got := shiftDate(date(c.day), c.iv, -1).Format(dateLayout); got != c.want {
			t.Errorf("shiftDate(%s, -%d %s) = %s, want %s", c.day, c.iv.N, c.iv.Unit, got, c.want)
		}
	}
}

func TestSpineStepsCountsBuckets(t *testing.T) {
	cases := []struct {
		first, last, grain string
		want               int
	}{
		{"2024-01-01", "2024-01-10", "day", 9},
		{"2024-03-30", "2024-04-01", "day", 2}, // across the Berlin DST change
		{"2023-12-24", "2024-01-14", "week", 3},
		{"2023-12-01", "2024-05-01", "month", 5},
		{"2023-04-01", "2024-04-01", "quarter", 4},
		{"2022-04-01", "2024-04-01", "year", 2},
	}
	for _, c := range cases {
		got, ok := SpineSteps(&Spine{First: c.first, Last: c.last, Time: TimeSpec{Grain: c.grain}})
		if !ok || got != c.want {
			t.Errorf("SpineSteps(%s..%s by %s) = %d, %v; want %d", c.first, c.last, c.grain, got, ok, c.want)
		}
	}
	if _, ok := SpineSteps(&Spine{First: "2024-01-01", Time: TimeSpec{Grain: "day"}}); ok {
		t.Error("SpineSteps with an open last bound succeeded; the data decides it")
	}
}
