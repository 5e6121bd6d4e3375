package identity

import (
	"strings"
	"time"
)

// RecordRef names one source record: the source it comes from and its key
// there.
type RecordRef struct {
	Source string
	Key    string
}

// String returns "source:key", the form the CLI reads and prints.
func (r RecordRef) String() string { return r.Source + ":" + r.Key }

// ParseRecordRef reads "source:key". The key may itself contain colons.
func ParseRecordRef(s string) (RecordRef, bool) {
	source, key, ok := strings.Cut(s, ":")
	if !ok || source == "" || key == "" {
		return RecordRef{}, false
	}
	return RecordRef{Source: source, Key: key}, true
}

// Identifier is one normalized identifier value qualified by its type, so
// phone "12345" and crm_contact_id "12345" are different identifiers.
type Identifier struct {
	Type  string // the identifier type name, e.g. "email", "crm_contact_id"
	Value string // the normalized value
}

// Key returns the type-qualified form "type:value".
func (i Identifier) Key() string { return i.Type + ":" + i.Value }

// Record is one source record with its normalized identifiers.
type Record struct {
	Source string
	Key    string
	// FirstSeen is when the record was first seen; the zero time means
	// unknown and sorts after every known time.
	FirstSeen   time.Time
	Identifiers []Identifier
}

// Ref returns the record's source and key.
func (r *Record) Ref() RecordRef { return RecordRef{r.Source, r.Key} }

// RawRecord is a record as read from a source, before normalization.
type RawRecord struct {
	Source    string
	Key       string
	FirstSeen time.Time
	// Country is the default country (ISO 3166 alpha-2) for phone numbers
	// written without a country calling code; empty uses the identifier
	// type's default.
	Country string
	Values  []RawValue
}

// RawValue is one identifier value as written in the source.
type RawValue struct {
	Type string // the identifier type name
	Raw  string
}

// compareRecords orders records canonically: earliest first seen, unknown
// first-seen times last, then by source, then by key. Every choice the
// resolver makes (anchors, edge order, ids) follows this order, so results
// do not depend on the order records were loaded in.
func compareRecords(a, b *Record) int {
	if c := compareFirstSeen(a.FirstSeen, b.FirstSeen); c != 0 {
		return c
	}
	if c := strings.Compare(a.Source, b.Source); c != 0 {
		return c
	}
	return strings.Compare(a.Key, b.Key)
}

func compareFirstSeen(a, b time.Time) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}
