package identity

import (
	"fmt"
	"strings"

	"github.com/metricsd/metricsd/identity/normalize"
)

// NormalizeReport counts what normalization kept out.
type NormalizeReport struct {
	Blocked []ValueCount   // blocklisted values, per value, most frequent first
	Invalid map[string]int // per identifier type: values that are not identifiers of its kind
}

// Normalize turns raw records into records with type-qualified, normalized
// identifiers. A value that is blocked or invalid is counted in the report
// and dropped; the record itself is kept, so it still gets a customer id.
// It fails only on a value of a type that cfg does not declare.
func Normalize(raw []RawRecord, cfg *Config) ([]Record, *NormalizeReport, error) {
	if err := cfg.Check(); err != nil {
		return nil, nil, err
	}
	types := map[string]*typeNormalizer{}
	for i := range cfg.Types {
		t := &cfg.Types[i]
		types[t.Name] = &typeNormalizer{t: t, block: normalize.NewBlocklist(t.Blocklist), phones: map[string]phoneResult{}}
	}
	report := &NormalizeReport{Invalid: map[string]int{}}
	var blocked blockedCounter
	out := make([]Record, len(raw))
	for i := range raw {
		r := &raw[i]
		rec := Record{Source: r.Source, Key: strings.TrimSpace(r.Key), FirstSeen: r.FirstSeen}
		for _, v := range r.Values {
			tn := types[v.Type]
			if tn == nil {
				return nil, nil, fmt.Errorf("record %s:%s has a value of identifier type %q, which is not declared", r.Source, r.Key, v.Type)
			}
			value, outcome, err := tn.normalize(v.Raw, r.Country)
			if err != nil {
				return nil, nil, err
			}
			switch outcome {
			case normalize.OK:
				rec.Identifiers = append(rec.Identifiers, Identifier{Type: v.Type, Value: value})
			case normalize.Blocked:
				blocked.add(v.Type, strings.ToLower(strings.TrimSpace(value)), "blocklist", 1)
			case normalize.Invalid:
				report.Invalid[v.Type]++
			}
		}
		out[i] = rec
	}
	report.Blocked = blocked.list
	sortValueCounts(report.Blocked)
	return out, report, nil
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
