package identity

import (
	"fmt"
	"slices"
	"strings"
)

// linker applies links to a union-find forest through the guards. Every
// component root carries what the guards need: the distinct values of
// limited types in it and the cannot-link constraints touching it.
type linker struct {
	g        *graph
	uf       *unionFind
	types    []IdentifierType
	limited  map[int32][]int32 // root → distinct values of limited types
	cannot   map[int32][]int32 // root → indexes into pairs
	pairs    [][2]int32        // cannot-link record pairs
	hasLimit bool
}

func newLinker(g *graph, cfg *Config) *linker {
	l := &linker{g: g, uf: newUnionFind(len(g.recs)), types: cfg.Types, cannot: map[int32][]int32{}}
	for _, t := range cfg.Types {
		if t.MaxPerCustomer > 0 {
			l.hasLimit = true
		}
	}
	if l.hasLimit {
		l.limited = map[int32][]int32{}
		for r := range int32(len(g.recs)) {
			for _, v := range g.valuesOf(r) {
				if l.types[g.values.types[v]].MaxPerCustomer > 0 {
					l.limited[r] = append(l.limited[r], v)
				}
			}
		}
	}
	return l
}

// applyOverrides applies must-links first, unconditionally, and then
// registers cannot-links. A cannot-link between records that must-links
// already joined is reported as a conflict, and the must-link wins.
func (l *linker) applyOverrides(overrides []Override, res *Result) {
	if len(overrides) == 0 {
		return
	}
	index := map[RecordRef]int32{}
	for i := range l.g.recs {
		index[l.g.recs[i].Ref()] = int32(i)
	}
	lookup := func(o Override) (int32, int32, bool) {
		a, okA := index[o.A]
		b, okB := index[o.B]
		if !okA || !okB {
			res.Conflicts = append(res.Conflicts, Conflict{Rule: "unknown_record", A: o.A, B: o.B,
				Detail: fmt.Sprintf("%s override names a record that is not in the input; it was ignored", o.Rule)})
		}
		return a, b, okA && okB
	}
	for _, o := range overrides {
		if o.Rule != RuleMustLink {
			continue
		}
		if a, b, ok := lookup(o); ok {
			l.join(a, b, l.uf.find(a), l.uf.find(b))
			res.Links = append(res.Links, Link{A: a, B: b, Value: o.Note, Rule: RuleMustLink})
		}
	}
	for _, o := range overrides {
		if o.Rule != RuleCannotLink {
			continue
		}
		a, b, ok := lookup(o)
		if !ok {
			continue
		}
		ra, rb := l.uf.find(a), l.uf.find(b)
		if ra == rb {
			res.Conflicts = append(res.Conflicts, Conflict{Rule: RuleCannotLink, A: o.A, B: o.B,
				Detail: "must-link overrides already join these records; the must-link wins"})
			continue
		}
		p := int32(len(l.pairs))
		l.pairs = append(l.pairs, [2]int32{a, b})
		l.cannot[ra] = append(l.cannot[ra], p)
		l.cannot[rb] = append(l.cannot[rb], p)
	}
}

// linkType links the records of every usable shared value of type t, in
// value order (which follows canonical record order). Each value links its
// records to its anchor, the first record carrying it.
func (l *linker) linkType(t uint16, res *Result) {
	g := l.g
	for v := range int32(g.values.len()) {
		if g.values.types[v] != t || g.unusable[v] || g.count(v) < 2 {
			continue
		}
		recs := g.recordsOf(v)
		anchor := recs[0]
		for _, r := range recs[1:] {
			if l.tryLink(anchor, r, v, res) {
				res.Links = append(res.Links, Link{A: anchor, B: r, Type: l.types[t].Name, Value: g.values.vals[v], Rule: RuleExact})
			}
		}
	}
}

// tryLink joins the components of a and b unless a cannot-link or a
// per-customer limit forbids it; a rejection is reported as a conflict.
func (l *linker) tryLink(a, b, v int32, res *Result) bool {
	ra, rb := l.uf.find(a), l.uf.find(b)
	if ra == rb {
		return true
	}
	conflict := func(rule, detail string) bool {
		res.Conflicts = append(res.Conflicts, Conflict{Rule: rule, A: l.g.recs[a].Ref(), B: l.g.recs[b].Ref(),
			Type: l.types[l.g.values.types[v]].Name, Value: l.g.values.vals[v], Detail: detail})
		return false
	}
	if p, ok := l.cannotBetween(ra, rb); ok {
		return conflict(RuleCannotLink, fmt.Sprintf("cannot-link override between %s and %s", l.g.recs[p[0]].Ref(), l.g.recs[p[1]].Ref()))
	}
	if l.hasLimit {
		if detail, over := l.overLimit(ra, rb); over {
			return conflict("max_per_customer", detail)
		}
	}
	l.join(a, b, ra, rb)
	return true
}

// join unions two roots and merges their guard state.
func (l *linker) join(a, b, ra, rb int32) {
	if ra == rb {
		return
	}
	root := l.uf.union(ra, rb)
	other := ra
	if root == ra {
		other = rb
	}
	if l.hasLimit {
		merged := l.limited[root]
		for _, v := range l.limited[other] {
			if !slices.Contains(merged, v) {
				merged = append(merged, v)
			}
		}
		l.limited[root] = merged
		delete(l.limited, other)
	}
	if c := l.cannot[other]; len(c) > 0 {
		l.cannot[root] = append(l.cannot[root], c...)
		delete(l.cannot, other)
	}
}

func (l *linker) cannotBetween(ra, rb int32) ([2]int32, bool) {
	list := l.cannot[ra]
	if len(l.cannot[rb]) < len(list) {
		list = l.cannot[rb]
	}
	for _, p := range list {
		pa, pb := l.uf.find(l.pairs[p][0]), l.uf.find(l.pairs[p][1])
		if pa == ra && pb == rb || pa == rb && pb == ra {
			return l.pairs[p], true
		}
	}
	return [2]int32{}, false
}

// overLimit reports whether joining ra and rb would give the component more
// distinct values of a limited type than the type allows.
func (l *linker) overLimit(ra, rb int32) (string, bool) {
	a, b := l.limited[ra], l.limited[rb]
	if len(a) == 0 || len(b) == 0 {
		return "", false
	}
	for t, typ := range l.types {
		if typ.MaxPerCustomer == 0 {
			continue
		}
		var vals []string
		for _, v := range append(slices.Clip(a), b...) {
			if int(l.g.values.types[v]) == t && !slices.Contains(vals, l.g.values.vals[v]) {
				vals = append(vals, l.g.values.vals[v])
			}
		}
		if len(vals) > typ.MaxPerCustomer {
			slices.Sort(vals)
			return fmt.Sprintf("the customer would have %d %s values (%s), max_per_customer is %d",
				len(vals), typ.Name, strings.Join(vals, ", "), typ.MaxPerCustomer), true
		}
	}
	return "", false
}

// anchors returns, per record, the index of its component's first record.
func (l *linker) anchors() []int32 {
	n := len(l.g.recs)
	firstByRoot := make([]int32, n)
	for i := range firstByRoot {
		firstByRoot[i] = -1
	}
	out := make([]int32, n)
	for i := range int32(n) {
		root := l.uf.find(i)
		if firstByRoot[root] < 0 {
			firstByRoot[root] = i
		}
		out[i] = firstByRoot[root]
	}
	return out
}
