// Package timeparse reads the durations written in definitions: windows and
// offsets ("7 days", "1 month"), ages and SLAs in Go form ("36h", "5m").
// The validator uses it to reject what does not parse; the engine uses it to
// build windows, so both agree on what a duration means.
package timeparse

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Units a window may count, smallest first.
var Units = []string{"second", "minute", "hour", "day", "week", "month", "quarter", "year"}

// goUnits maps the Go-style suffixes that ParseWindow accepts to units.
var goUnits = map[string]string{"s": "second", "m": "minute", "h": "hour", "d": "day", "w": "week"}

// ParseWindow reads a calendar window such as "7 days", "1 week",
// "1 month", "quarter" (one quarter) or a Go-style "36h" / "5m" / "2d" /
// "1w". It returns the count and the singular unit name. The count must be
// a positive integer: months and years are calendar units, so fractional
// counts have no meaning.
func ParseWindow(s string) (count int, unit string, err error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, "", fmt.Errorf("empty window: write a count and a unit, e.g. \"7 days\"")
	}
	fields := strings.Fields(t)
	switch len(fields) {
	case 1:
		if u, ok := unitName(fields[0]); ok {
			return 1, u, nil
		}
		return parseCompact(fields[0])
	case 2:
		n, err := strconv.Atoi(fields[0])
		if err != nil || n <= 0 {
			return 0, "", fmt.Errorf("invalid window %q: the count %q must be a positive integer", s, fields[0])
		}
		u, ok := unitName(fields[1])
		if !ok {
			return 0, "", fmt.Errorf("invalid window %q: unknown unit %q (use %s)", s, fields[1], strings.Join(Units, ", "))
		}
		return n, u, nil
	}
	return 0, "", fmt.Errorf("invalid window %q: write a count and a unit, e.g. \"7 days\"", s)
}

// parseCompact reads "36h", "5m", "2d", "1w".
func parseCompact(s string) (int, string, error) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i == len(s) {
		return 0, "", fmt.Errorf("invalid window %q: write a count and a unit, e.g. \"7 days\" or \"36h\"", s)
	}
	n, err := strconv.Atoi(s[:i])
	if err != nil || n <= 0 {
		return 0, "", fmt.Errorf("invalid window %q: the count must be a positive integer", s)
	}
	u, ok := goUnits[s[i:]]
	if !ok {
		return 0, "", fmt.Errorf("invalid window %q: unknown unit %q (use s, m, h, d or w, or a unit name such as \"days\")", s, s[i:])
	}
	return n, u, nil
}

// unitName returns the singular unit for a singular or plural unit word.
func unitName(w string) (string, bool) {
	w = strings.ToLower(w)
	for _, u := range Units {
		if w == u || w == u+"s" {
			return u, true
		}
	}
	return "", false
}

// ParseDuration reads a fixed-length duration: an age, an SLA or a refresh
// cadence. It accepts Go syntax ("36h", "1h30m", "5m") plus days and weeks
// ("2d", "1w", "3 days"). Months and longer have no fixed length and are
// rejected. The result is positive.
func ParseDuration(s string) (time.Duration, error) {
	t := strings.TrimSpace(s)
	if d, err := time.ParseDuration(t); err == nil {
		if d <= 0 {
			return 0, fmt.Errorf("invalid duration %q: must be positive", s)
		}
		return d, nil
	}
	n, unit, err := ParseWindow(t)
	if err != nil {
		return 0, fmt.Errorf("invalid duration %q: write Go syntax such as \"36h\" or \"5m\", or a count of days such as \"2 days\"", s)
	}
	d, ok := Fixed(unit)
	if !ok {
		return 0, fmt.Errorf("invalid duration %q: a %s has no fixed length; use days or hours", s, unit)
	}
	return time.Duration(n) * d, nil
}

// Fixed returns the length of a unit that has one (second to week).
func Fixed(unit string) (time.Duration, bool) {
	switch unit {
	case "second":
		return time.Second, true
	case "minute":
		return time.Minute, true
	case "hour":
		return time.Hour, true
	case "day":
		return 24 * time.Hour, true
	case "week":
		return 7 * 24 * time.Hour, true
	}
	return 0, false
}
