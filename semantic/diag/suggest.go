package diag

import "sort"

// Suggest returns up to three candidates closest to name by edit distance,
// nearest first, leaving out candidates too far to be a typo.
func Suggest(name string, candidates []string) []string {
	type scored struct {
		name string
		dist int
	}
	limit := len(name)/3 + 1
	if limit < 2 {
		limit = 2
	}
	var hits []scored
	for _, c := range candidates {
		if c == name {
			continue
		}
		if d := distance(name, c); d <= limit {
			hits = append(hits, scored{c, d})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].dist != hits[j].dist {
			return hits[i].dist < hits[j].dist
		}
		return hits[i].name < hits[j].name
	})
	var out []string
	for i := 0; i < len(hits) && i < 3; i++ {
		out = append(out, hits[i].name)
	}
	return out
}

// distance is the Levenshtein edit distance, counting bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// WithSuggestions attaches suggestions and returns the diagnostic.
func (d *Diagnostic) WithSuggestions(s []string) *Diagnostic {
	d.Suggestions = s
	return d
}

// WithDetail sets the detail text and returns the diagnostic.
func (d *Diagnostic) WithDetail(detail string) *Diagnostic {
	d.Detail = detail
	return d
}
