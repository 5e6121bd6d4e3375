package catalog

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseAge parses an age such as "36h", "90m", "2d" or "1d12h". It accepts
// Go duration syntax plus a leading whole number of days ("d"), because
// freshness rules are often written in days and time.ParseDuration has no
// day unit.
func ParseAge(s string) (time.Duration, error) {
	text := strings.TrimSpace(s)
	var days time.Duration
	if i := strings.IndexByte(text, 'd'); i > 0 {
		n, err := strconv.Atoi(text[:i])
		if err != nil || n < 0 {
			return 0, fmt.Errorf("invalid age %q: write it like 36h, 90m, 2d or 1d12h", s)
		}
		days = time.Duration(n) * 24 * time.Hour
		text = text[i+1:]
		if text == "" {
			return days, nil
		}
	}
	d, err := time.ParseDuration(text)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("invalid age %q: write it like 36h, 90m, 2d or 1d12h", s)
	}
	return days + d, nil
}
