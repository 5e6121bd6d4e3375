package identity

import (
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/metricsd/metricsd/identity/normalize"
)

// NormalizeReport counts what normalization kept out.
type NormalizeReport struct {
	Blocked []ValueCount   // blocklisted values, per value, most frequent first
	Invalid map[string]int // per identifier type: values that are not identifiers of its kind
}

// normalizeChunk is the number of raw records below which Normalize uses
// one goroutine; phone parsing dominates, so larger inputs are split across
// GOMAXPROCS goroutines.
const normalizeChunk = 10_000

// Normalize turns raw records into records with type-qualified, normalized
// identifiers. A value that is blocked or invalid is counted in the report
// and dropped. The record itself is kept, so it still gets a customer id.
// Normalize fails only on a value of a type that cfg does not declare.
func Normalize(raw []RawRecord, cfg *Config) ([]Record, *NormalizeReport, error) {
	if err := cfg.Check(); err != nil {
		return nil, nil, err
	}
	out := make([]Record, len(raw))
	workers := min(runtime.GOMAXPROCS(0), 1+len(raw)/normalizeChunk)
	parts := make([]normalizer, workers)
	var wg sync.WaitGroup
	for w := range parts {
		lo, hi := w*len(raw)/workers, (w+1)*len(raw)/workers
		wg.Go(func() { parts[w].run(cfg, raw[lo:hi], out[lo:hi]) })
	}
	wg.Wait()

	report := &NormalizeReport{Invalid: map[string]int{}}
	var blocked blockedCounter
	for _, p := range parts {
		if p.err != nil {
			return nil, nil, p.err
		}
		for _, b := range p.blocked.list {
			blocked.add(b.Type, b.Value, b.Reason, b.Records)
		}
		for k, n := range p.invalid {
			report.Invalid[k] += n
		}
	}
	report.Blocked = blocked.list
	sortValueCounts(report.Blocked)
	return out, report, nil
}

// normalizer normalizes one slice of the input with its own caches.
type normalizer struct {
	blocked blockedCounter
	invalid map[string]int
	err     error
}

func (n *normalizer) run(cfg *Config, raw []RawRecord, out []Record) {
	types := map[string]*typeNormalizer{}
	for i := range cfg.Types {
		t := &cfg.Types[i]
		types[t.Name] = &typeNormalizer{t: t, block: normalize.NewBlocklist(t.Blocklist), phones: map[string]phoneResult{}}
	}
	n.invalid = map[string]int{}
	for i := range raw {
		r := &raw[i]
		rec := Record{Source: r.Source, Key: strings.TrimSpace(r.Key), FirstSeen: r.FirstSeen}
		for _, v := range r.Values {
			tn := types[v.Type]
			if tn == nil {
				n.err = fmt.Errorf("record %s:%s has a value of identifier type %q, which is not declared", r.Source, r.Key, v.Type)
				return
			}
			value, outcome, err := tn.normalize(v.Raw, r.Country)
			if err != nil {
				n.err = err
				return
			}
			switch outcome {
			case normalize.OK:
				rec.Identifiers = append(rec.Identifiers, Identifier{Type: v.Type, Value: value})
			case normalize.Blocked:
				n.blocked.add(v.Type, strings.ToLower(strings.TrimSpace(value)), "blocklist", 1)
			case normalize.Invalid:
				n.invalid[v.Type]++
			}
		}
		out[i] = rec
	}
}

type phoneResult struct {
	value   string
	outcome normalize.Outcome
}

// typeNormalizer normalizes the values of one identifier type. Phone
// parsing costs about 18 µs per number, so phone results are cached per
// (country, raw string).
type typeNormalizer struct {
	t      *IdentifierType
	block  *normalize.Blocklist
	phones map[string]phoneResult
}

func (n *typeNormalizer) normalize(raw, country string) (string, normalize.Outcome, error) {
	if country == "" {
		country = n.t.DefaultCountry
	}
	if n.t.Kind != normalize.KindPhone {
		return normalize.Value(n.t.Kind, raw, country, n.block)
	}
	k := country + "\x00" + raw
	if r, ok := n.phones[k]; ok {
		return r.value, r.outcome, nil
	}
	v, o, err := normalize.Value(n.t.Kind, raw, country, n.block)
	if err == nil {
		n.phones[k] = phoneResult{v, o}
	}
	return v, o, err
}
