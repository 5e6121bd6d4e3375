package identity

import (
	"cmp"
	"slices"
)

// ValueCount is an identifier value that was kept out of matching, with how
// many records carried it.
type ValueCount struct {
	Type    string
	Value   string
	Records int
	Reason  string // "blocklist", "shared by too many records", "links too many strong ids"
	Detail  string // the figure behind a quarantine, e.g. "1204 records > 1000"
}

// Conflict is a link that a guard rejected: a per-customer limit or a
// cannot-link override.
type Conflict struct {
	Rule   string // "max_per_customer", "cannot_link", "unknown_record"
	A, B   RecordRef
	Type   string // the identifier that proposed the link, empty for overrides
	Value  string
	Detail string
}

// sortValueCounts orders by records descending, then type and value, so the
// worst offenders are listed first and the order is stable.
func sortValueCounts(v []ValueCount) {
	slices.SortFunc(v, func(a, b ValueCount) int {
		if c := cmp.Compare(b.Records, a.Records); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Type, b.Type); c != 0 {
			return c
		}
		return cmp.Compare(a.Value, b.Value)
	})
}

// blockedCounter counts blocked values per (type, value).
type blockedCounter struct {
	index map[Identifier]int
	list  []ValueCount
}

func (b *blockedCounter) add(typ, value, reason string, records int) {
	if b.index == nil {
		b.index = map[Identifier]int{}
	}
	k := Identifier{typ, value}
	if i, ok := b.index[k]; ok {
		b.list[i].Records += records
		return
	}
	b.index[k] = len(b.list)
	b.list = append(b.list, ValueCount{Type: typ, Value: value, Records: records, Reason: reason})
}
