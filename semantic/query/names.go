package query

import "strings"

// MetricTime is the group-by name for each measure's aggregation time.
const MetricTime = "metric_time"

// Grains a query may ask for, finest first.
var Grains = []string{"hour", "day", "week", "month", "quarter", "year"}

// GrainRank orders every grain a definition or query may name; finer grains
// rank lower. Unknown grains rank -1.
func GrainRank(g string) int {
	switch g {
	case "second":
		return 0
	case "minute":
		return 1
	case "hour":
		return 2
	case "day":
		return 3
	case "week":
		return 4
	case "month":
		return 5
	case "quarter":
		return 6
	case "year":
		return 7
	}
	return -1
}

// Name is a parsed group-by or filter name.
type Name struct {
	Text string // as written
	// Path lists entities to join through first, in order, when the name
	// is qualified to pick one of several join paths
	// (buyer__region__name).
	Path   []string
	Entity string // empty for metric_time
	Dim    string // dimension name, or metric_time
	Grain  string // empty when not written
}

// Key is the name without its grain: how dimensions are looked up.
func (n Name) Key() string {
	if n.Entity == "" {
		return n.Dim
	}
	return n.Entity + "__" + n.Dim
}

// ParseName splits `entity__dim`, `entity__dim__grain`, `metric_time`
// and `metric_time__grain`, each optionally after a path of entities
// (`buyer__region__name`, `order__customer__signed_up_at__month`). A last
// part that names a grain is always the grain. ok is false for names of
// another shape.
func ParseName(s string) (Name, bool) {
	parts := strings.Split(s, "__")
	n := Name{Text: s}
	for _, p := range parts {
		if p == "" {
			return n, false
		}
	}
	if parts[0] == MetricTime {
		n.Dim = MetricTime
		switch len(parts) {
		case 1:
			return n, true
		case 2:
			n.Grain = parts[1]
			return n, true
		}
		return n, false
	}
	if len(parts) >= 3 && GrainRank(parts[len(parts)-1]) >= 0 {
		n.Grain = parts[len(parts)-1]
		parts = parts[:len(parts)-1]
	}
	if len(parts) < 2 {
		return n, false
	}
	n.Path = parts[:len(parts)-2]
	n.Entity, n.Dim = parts[len(parts)-2], parts[len(parts)-1]
	return n, true
}
