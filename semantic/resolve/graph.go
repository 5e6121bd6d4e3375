package resolve

import (
	"sort"
	"strings"
)

// Hop is one join between two tables over a shared entity. A hop is
// many-to-one when To holds the entity as a unique key; otherwise it is
// one-to-many (FanOut): each From row meets many To rows.
type Hop struct {
	From, To *Table
	Entity   string
	FanOut   bool
}

// Reach describes how a table reaches a dimension: the joins to walk, or
// why it cannot.
type Reach struct {
	Dim  *Dim
	Path []Hop
	// FanOut is set when the path crosses a one-to-many hop: the dimension
	// may filter (with exists semantics) but never group the table's rows.
	FanOut bool
	// Ambiguous lists the competing paths when more than one shortest path
	// exists; Dim and Path are then unset. Qualified lists, for each, the
	// name that picks it (buyer__region__name).
	Ambiguous []string
	Qualified []string
}

// Via reaches e__d after first joining through the entities of path, in
// order, each many-to-one. It returns nil when a step has no such join,
// and a Reach listing the candidates when a step has several.
func (t *Table) Via(path []string, key string) *Reach {
	var hops []Hop
	cur := t
	for _, ename := range path {
		var next []Hop
		for _, h := range cur.links {
			if h.Entity == ename && !h.FanOut {
				next = append(next, h)
			}
		}
		switch len(next) {
		case 0:
			return nil
		case 1:
		default:
			r := &Reach{}
			for _, h := range next {
				r.Ambiguous = append(r.Ambiguous, PathString(t, append(append([]Hop(nil), hops...), h)))
			}
			return r
		}
		hops = append(hops, next[0])
		cur = next[0].To
	}
	r := cur.Reach[key]
	if r == nil || r.Dim == nil {
		return r
	}
	return &Reach{Dim: r.Dim, Path: append(hops, r.Path...), FanOut: r.FanOut}
}

// qualifiedName is the name that selects path for key (entity__dim): the
// entities of every hop but the last, then the key.
func qualifiedName(path []Hop, key string) string {
	var b strings.Builder
	for _, h := range path[:max(len(path)-1, 0)] {
		b.WriteString(h.Entity)
		b.WriteString("__")
	}
	b.WriteString(key)
	return b.String()
}

// PathString writes a path as "orders -(customer)-> customers".
func PathString(from *Table, path []Hop) string {
	var b strings.Builder
	b.WriteString(from.Name)
	for _, h := range path {
		b.WriteString(" -(")
		b.WriteString(h.Entity)
		if h.FanOut {
			b.WriteString(", one-to-many")
		}
		b.WriteString(")-> ")
		b.WriteString(h.To.Name)
	}
	return b.String()
}

// buildLinks lists every hop out of each table. Two tables relate over an
// entity when at least one side has it as a unique key. Two foreign keys to
// the same entity do not relate, because that would be many-to-many.
func buildLinks(tables []*Table) {
	for _, a := range tables {
		for _, ename := range sortedKeys(a.Entities) {
			ea := a.Entities[ename]
			for _, b := range tables {
				eb, ok := b.Entities[ename]
				if b == a || !ok {
					continue
				}
				switch {
				case eb.Unique():
					a.links = append(a.links, Hop{From: a, To: b, Entity: ename})
				case ea.Unique():
					a.links = append(a.links, Hop{From: a, To: b, Entity: ename, FanOut: true})
				}
			}
		}
	}
}

// maxPaths bounds how many equal-length paths are kept per table; two are
// enough to call a dimension ambiguous, a few more make the message useful.
const maxPaths = 4

// shortestPaths finds, for every table reachable from t, its shortest paths.
// Many-to-one paths are searched first; tables only reachable through a
// one-to-many hop get the shortest such paths.
func shortestPaths(t *Table) map[*Table][][]Hop {
	out := map[*Table][][]Hop{t: {nil}}
	bfs(out, t, false)
	bfs(out, t, true)
	return out
}

func bfs(out map[*Table][][]Hop, t *Table, allowFanOut bool) {
	frontier := []*Table{t}
	known := map[*Table]bool{}
	for k := range out {
		known[k] = true
	}
	if allowFanOut {
		// start again from every table reached without fan-out, so a
		// fan-out path may begin after many-to-one hops.
		frontier = frontier[:0]
		for k := range out {
			frontier = append(frontier, k)
		}
		sort.Slice(frontier, func(i, j int) bool { return frontier[i].Name < frontier[j].Name })
	}
	for len(frontier) > 0 {
		next := map[*Table][][]Hop{}
		for _, a := range frontier {
			for _, h := range a.links {
				if known[h.To] || (h.FanOut && !allowFanOut) {
					continue
				}
				for _, p := range out[a] {
					if len(next[h.To]) >= maxPaths {
						break
					}
					np := append(append([]Hop(nil), p...), h)
					next[h.To] = append(next[h.To], np)
				}
			}
		}
		frontier = frontier[:0]
		for b, ps := range next {
			out[b] = ps
			known[b] = true
			frontier = append(frontier, b)
		}
		sort.Slice(frontier, func(i, j int) bool { return frontier[i].Name < frontier[j].Name })
	}
}

// buildReach fills t.Reach for every entity__dimension name in the set.
// A name e__d names dimension d of a table that has e as a unique key, or
// of t itself when t has e at all. A dimension of t itself wins over joins.
func buildReach(t *Table, tables []*Table) {
	paths := shortestPaths(t)
	t.Reach = map[string]*Reach{}
	type cand struct {
		dim  *Dim
		path []Hop
	}
	byName := map[string][]cand{}
	for _, b := range tables {
		ps, ok := paths[b]
		if !ok {
			continue
		}
		for ename, e := range b.Entities {
			if b != t && !e.Unique() {
				continue
			}
			for _, d := range b.DimList {
				key := ename + "__" + d.Name
				for _, p := range ps {
					byName[key] = append(byName[key], cand{d, p})
				}
			}
		}
	}
	for key, cs := range byName {
		sort.SliceStable(cs, func(i, j int) bool { return pathRank(cs[i].path) < pathRank(cs[j].path) })
		best := pathRank(cs[0].path)
		var tied []cand
		for _, c := range cs {
			if pathRank(c.path) == best {
				tied = append(tied, c)
			}
		}
		r := &Reach{}
		if len(tied) > 1 {
			for _, c := range tied {
				r.Ambiguous = append(r.Ambiguous, PathString(t, c.path))
				r.Qualified = append(r.Qualified, qualifiedName(c.path, key))
			}
			sort.Strings(r.Ambiguous)
			sort.Strings(r.Qualified)
		} else {
			r.Dim, r.Path = tied[0].dim, tied[0].path
			for _, h := range r.Path {
				r.FanOut = r.FanOut || h.FanOut
			}
		}
		t.Reach[key] = r
	}
}

// pathRank prefers paths without fan-out, then shorter paths.
func pathRank(p []Hop) int {
	rank := len(p)
	for _, h := range p {
		if h.FanOut {
			return rank + 1000
		}
	}
	return rank
}
