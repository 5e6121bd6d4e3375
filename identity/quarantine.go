package identity

import (
	"fmt"
	"slices"

	"github.com/metricsd/metricsd/identity/normalize"
)

// Quarantine reasons.
const (
	ReasonTooManyRecords = "shared by too many records"
	ReasonTooManyStrong  = "links too many strong ids"
)

// applyQuarantine keeps out of matching every value that is shared too
// widely to name one customer: carried by more than MaxRecordsPerValue
// records, or carried by records that hold more than MaxStrongPerValue
// distinct strong identifiers (external ids). Such a value is usually a
// shared inbox, a reception desk phone or a placeholder missing from the
// blocklist. Each is reported with its figures.
func (g *graph) applyQuarantine(cfg *Config, res *Result) {
	maxRecords, maxStrong := cfg.maxRecordsPerValue(), cfg.maxStrongPerValue()
	strong := make([]bool, len(cfg.Types))
	for i, t := range cfg.Types {
		strong[i] = t.Kind == normalize.KindExternalID
	}
	var seen []int32
	for v := range int32(g.values.len()) {
		n := g.count(v)
		if n < 2 || g.unusable[v] {
			continue
		}
		name := cfg.Types[g.values.types[v]].Name
		if maxRecords >= 0 && n > maxRecords {
			g.unusable[v] = true
			res.Quarantined = append(res.Quarantined, ValueCount{Type: name, Value: g.values.vals[v], Records: n,
				Reason: ReasonTooManyRecords, Detail: fmt.Sprintf("%d records > %d", n, maxRecords)})
			continue
		}
		if maxStrong < 0 {
			continue
		}
		seen = g.strongValues(v, strong, seen[:0])
		if len(seen) > maxStrong {
			g.unusable[v] = true
			res.Quarantined = append(res.Quarantined, ValueCount{Type: name, Value: g.values.vals[v], Records: n,
				Reason: ReasonTooManyStrong, Detail: fmt.Sprintf("%d strong ids > %d", len(seen), maxStrong)})
		}
	}
}

// strongValues collects the distinct strong values on the records of v.
// Most values have a few, so a slice is searched; past 32 a set takes over,
// which keeps a value on very many records linear.
func (g *graph) strongValues(v int32, strong []bool, seen []int32) []int32 {
	var set map[int32]bool
	for _, r := range g.recordsOf(v) {
		for _, u := range g.valuesOf(r) {
			if !strong[g.values.types[u]] {
				continue
			}
			if set != nil {
				if !set[u] {
					set[u] = true
					seen = append(seen, u)
				}
				continue
			}
			if !slices.Contains(seen, u) {
				seen = append(seen, u)
			}
			if len(seen) > 32 {
				set = make(map[int32]bool, 2*len(seen))
				for _, s := range seen {
					set[s] = true
				}
			}
		}
	}
	return seen
}
