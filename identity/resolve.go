package identity

import (
	"cmp"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/metricsd/metricsd/identity/normalize"
)

// RuleExact is the rule of a link made because two records share one
// normalized identifier value.
const RuleExact = "exact"

// Link is an accepted link between two records, by index into
// Result.Records. For an exact link A is the value's anchor record (the
// first record carrying it); a value carried by k records gives k−1 links.
type Link struct {
	A, B  int32
	Type  string // identifier type; empty for a must-link override
	Value string // identifier value, or the override's note
	Rule  string // RuleExact or RuleMustLink
}

// Result is the outcome of Resolve.
type Result struct {
	// Records are the input records, one per (source, key), in canonical
	// order: first seen, then source, then key.
	Records []Record
	// Anchor gives, per record, the index of its component's anchor: the
	// component's first record in canonical order.
	Anchor      []int32
	Links       []Link
	Blocked     []ValueCount // blocklisted identifier values
	Quarantined []ValueCount // values shared too widely to trust
	Conflicts   []Conflict   // links that a limit or a cannot-link rejected
	Stats       Stats
}

// Stats are the match figures of one resolution.
type Stats struct {
	Records      int
	Identifiers  int            // distinct identifier values
	Customers    int            // components
	LinksByType  map[string]int // accepted links per identifier type ("must_link" for overrides)
	SharedValues int            // values carried by two or more records
}

// Resolve links records that share a normalized identifier, transitively,
// and applies the guards: blocklists, quarantine, per-type limits (strongest
// type first) and overrides. Records with the same source and key are one
// record: their identifiers are combined and the earliest first-seen time is
// kept. The result does not depend on the order of records.
func Resolve(records []Record, cfg *Config) (*Result, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	recs := canonicalRecords(records)
	g, err := buildGraph(recs, cfg)
	if err != nil {
		return nil, err
	}
	res := &Result{Records: recs}
	g.applyBlocklists(cfg, res)
	g.applyQuarantine(cfg, res)
	l := newLinker(g, cfg)
	l.applyOverrides(cfg.Overrides, res)
	for t := range cfg.Types {
		l.linkType(uint16(t), res)
	}
	res.Anchor = l.anchors()
	res.Stats = g.stats(res)
	sortValueCounts(res.Blocked)
	sortValueCounts(res.Quarantined)
	return res, nil
}

// canonicalRecords merges records with the same source and key and returns
// them in canonical order. It sorts a small key per record and copies each
// record once, because moving whole records during the sort costs more than
// the comparisons.
func canonicalRecords(in []Record) []Record {
	seed := maphash.MakeSeed()
	seen := make(map[uint64]int32, len(in))
	distinct := make([]int32, 0, len(in)) // index into in of each distinct record
	chain := make([]int32, 0, len(in))    // next distinct record with the same hash, or -1
	merged := map[int32]*Record{}         // distinct position → combined duplicates
	for i := range in {
		r := &in[i]
		h := maphash.String(seed, r.Source) ^ maphash.String(seed, r.Key)*0x9E3779B97F4A7C15
		head, ok := seen[h]
		if j := findRecord(in, distinct, chain, head, ok, r); j >= 0 {
			d := merged[j]
			if d == nil {
				c := in[distinct[j]]
				d = &c
				merged[j] = d
			}
			if compareFirstSeen(r.FirstSeen, d.FirstSeen) < 0 {
				d.FirstSeen = r.FirstSeen
			}
			d.Identifiers = append(slices.Clip(d.Identifiers), r.Identifiers...)
			continue
		}
		if ok {
			chain = append(chain, head)
		} else {
			chain = append(chain, -1)
		}
		seen[h] = int32(len(distinct))
		distinct = append(distinct, int32(i))
	}
	record := func(j int32) *Record {
		if d := merged[j]; d != nil {
			return d
		}
		return &in[distinct[j]]
	}
	return sortRecords(len(distinct), record)
}

// findRecord looks for r's source and key in the hash chain starting at
// head and returns its distinct position, or -1.
func findRecord(in []Record, distinct, chain []int32, head int32, ok bool, r *Record) int32 {
	if !ok {
		return -1
	}
	for j := head; j >= 0; j = chain[j] {
		if d := &in[distinct[j]]; d.Key == r.Key && d.Source == r.Source {
			return j
		}
	}
	return -1
}

// sortRecords returns the n records given by record in canonical order. The
// comparisons read precomputed keys: the first-seen time and the rank of the
// record's source, so only full ties compare keys as strings.
func sortRecords(n int, record func(int32) *Record) []Record {
	type sortKey struct {
		secs   int64 // first seen in Unix seconds; math.MaxInt64 when unknown
		nsec   int32 // and nanoseconds, so every year sorts, not only 1678–2262
		source int32 // rank of the source name among all source names
		index  int32
	}
	keys := make([]sortKey, n)
	sourceRank := map[string]int32{}
	for i := range keys {
		r := record(int32(i))
		k := sortKey{secs: math.MaxInt64, index: int32(i)}
		if t := r.FirstSeen; !t.IsZero() {
			k.secs, k.nsec = t.Unix(), int32(t.Nanosecond())
		}
		sourceRank[r.Source] = 0
		keys[i] = k
	}

	names := make([]string, 0, len(sourceRank))
	for name := range sourceRank {
		names = append(names, name)
	}
	slices.Sort(names)
	for i, name := range names {
		sourceRank[name] = int32(i)
	}
	for i := range keys {
		keys[i].source = sourceRank[record(keys[i].index).Source]
	}

	slices.SortFunc(keys, func(a, b sortKey) int {
		if c := cmp.Compare(a.secs, b.secs); c != 0 {
			return c
		}
		if c := cmp.Compare(a.nsec, b.nsec); c != 0 {
			return c
		}
		if c := cmp.Compare(a.source, b.source); c != 0 {
			return c
		}
		return strings.Compare(record(a.index).Key, record(b.index).Key)
	})
	out := make([]Record, n)
	for i, k := range keys {
		out[i] = *record(k.index)
	}
	return out
}

// graph is the bipartite record–value structure in compressed form: the
// values of each record and the records of each value, both in canonical
// order.
type graph struct {
	recs      []Record
	types     []IdentifierType
	values    *valueIndex
	recStart  []int32 // record i's values are recValues[recStart[i]:recStart[i+1]]
	recValues []int32
	valStart  []int32 // value v's records are valRecs[valStart[v]:valStart[v+1]]
	valRecs   []int32
	unusable  []bool // per value: blocked or quarantined
}

func buildGraph(recs []Record, cfg *Config) (*graph, error) {
	g := &graph{recs: recs, types: cfg.Types, values: newValueIndex(len(recs) * 3)}
	types, hashes, err := hashIdentifiers(recs, cfg, g.values)
	if err != nil {
		return nil, err
	}
	g.recStart = make([]int32, len(recs)+1)
	g.recValues = make([]int32, 0, len(hashes))
	k := 0
	for i := range recs {
		for _, id := range recs[i].Identifiers {
			v := g.values.idHashed(types[k], id.Value, hashes[k])
			k++
			if !slices.Contains(g.recValues[g.recStart[i]:], v) {
				g.recValues = append(g.recValues, v)
			}
		}
		g.recStart[i+1] = int32(len(g.recValues))
	}
	g.invert()
	g.unusable = make([]bool, g.values.len())
	return g, nil
}

// hashIdentifiers returns the type index and table hash of every
// identifier, in record order. Hashing is a third of building the graph and
// needs no shared state, so it runs on GOMAXPROCS goroutines.
func hashIdentifiers(recs []Record, cfg *Config, x *valueIndex) ([]uint16, []uint64, error) {
	typeIdx := make(map[string]uint16, len(cfg.Types))
	for i, t := range cfg.Types {
		typeIdx[t.Name] = uint16(i)
	}
	offsets := make([]int, len(recs)+1)
	for i := range recs {
		offsets[i+1] = offsets[i] + len(recs[i].Identifiers)
	}

	types := make([]uint16, offsets[len(recs)])
	hashes := make([]uint64, offsets[len(recs)])
	workers := min(runtime.GOMAXPROCS(0), 1+len(recs)/normalizeChunk)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(recs)/workers, (w+1)*len(recs)/workers
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				for j, id := range recs[i].Identifiers {
					t, ok := typeIdx[id.Type]
					if !ok {
						errs[w] = fmt.Errorf("record %s has a value of identifier type %q, which is not declared", recs[i].Ref(), id.Type)
						return
					}
					types[offsets[i]+j] = t
					hashes[offsets[i]+j] = x.hash(t, id.Value)
				}
			}
		})
	}
	wg.Wait()
	return types, hashes, errors.Join(errs...)
}

// invert builds the records of each value with a counting sort, which keeps
// records in canonical order within each value.
func (g *graph) invert() {
	n := g.values.len()
	g.valStart = make([]int32, n+1)
	for _, v := range g.recValues {
		g.valStart[v+1]++
	}
	for v := 0; v < n; v++ {
		g.valStart[v+1] += g.valStart[v]
	}
	fill := slices.Clone(g.valStart[:n])
	g.valRecs = make([]int32, len(g.recValues))
	for r := 0; r+1 < len(g.recStart); r++ {
		for _, v := range g.recValues[g.recStart[r]:g.recStart[r+1]] {
			g.valRecs[fill[v]] = int32(r)
			fill[v]++
		}
	}
}

func (g *graph) count(v int32) int { return int(g.valStart[v+1] - g.valStart[v]) }

func (g *graph) recordsOf(v int32) []int32 { return g.valRecs[g.valStart[v]:g.valStart[v+1]] }

func (g *graph) valuesOf(r int32) []int32 { return g.recValues[g.recStart[r]:g.recStart[r+1]] }

// applyBlocklists marks shared values on their type's blocklist (including
// the junk list) and reports each with its record count. Normalize already
// drops and counts blocked values; this catches records built by callers
// that skip Normalize. A value on one record cannot link anything, so only
// shared values are checked.
func (g *graph) applyBlocklists(cfg *Config, res *Result) {
	lists := make([]*normalize.Blocklist, len(cfg.Types))
	for i, t := range cfg.Types {
		lists[i] = normalize.NewBlocklist(t.Blocklist)
	}
	for v := range int32(g.values.len()) {
		if g.count(v) < 2 {
			continue
		}
		t := g.values.types[v]
		if lists[t].Match(g.values.vals[v]) {
			g.unusable[v] = true
			res.Blocked = append(res.Blocked, ValueCount{Type: cfg.Types[t].Name, Value: g.values.vals[v], Records: g.count(v), Reason: "blocklist"})
		}
	}
}

func (g *graph) stats(res *Result) Stats {
	s := Stats{Records: len(g.recs), Identifiers: g.values.len(), LinksByType: map[string]int{}}
	for i, a := range res.Anchor {
		if int(a) == i {
			s.Customers++
		}
	}
	for _, l := range res.Links {
		if l.Rule == RuleMustLink {
			s.LinksByType[RuleMustLink]++
			continue
		}
		s.LinksByType[l.Type]++
	}
	for v := range int32(g.values.len()) {
		if g.count(v) > 1 {
			s.SharedValues++
		}
	}
	return s
}
