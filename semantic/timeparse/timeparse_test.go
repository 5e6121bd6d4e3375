package timeparse

import (
	"testing"
	"time"
)

func TestParseWindowAccepts(t *testing.T) {
	cases := []struct {
		in    string
		count int
		unit  string
	}{
		{"7 days", 7, "day"},
		{"1 week", 1, "week"},
		{"1 month", 1, "month"},
		{"2 Quarters", 2, "quarter"},
		{"year", 1, "year"},
		{"36h", 36, "hour"},
		{"5m", 5, "minute"},
		{"30s", 30, "second"},
		{"2d", 2, "day"},
		{" 3  hours ", 3, "hour"},
	}
	for _, c := range cases {
		n, u, err := ParseWindow(c.in)
		if err != nil {
			t.Errorf("ParseWindow(%q): %v", c.in, err)
			continue
		}
		if n != c.count || u != c.unit {
			t.Errorf("ParseWindow(%q) = %d %s, want %d %s", c.in, n, u, c.count, c.unit)
		}
	}
}

func TestParseWindowRejects(t *testing.T) {
	for _, in := range []string{"", "7", "days 7", "0 days", "-1 day", "1.5 days", "7 fortnights", "7x", "h", "1 2 3"} {
		if n, u, err := ParseWindow(in); err == nil {
			t.Errorf("ParseWindow(%q) = %d %s, want an error", in, n, u)
		}
	}
}

func TestParseDuration(t *testing.T) {
	cases := map[string]time.Duration{
		"36h":    36 * time.Hour,
		"5m":     5 * time.Minute,
		"1h30m":  90 * time.Minute,
		"2d":     48 * time.Hour,
		"3 days": 72 * time.Hour,
		"1 week": 7 * 24 * time.Hour,
	}
	for in, want := range cases {
		got, err := ParseDuration(in)
		if err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "1 month", "0s", "-5m", "soon"} {
		if d, err := ParseDuration(in); err == nil {
			t.Errorf("ParseDuration(%q) = %v, want an error", in, d)
		}
	}
}
