package identity

import (
	"cmp"
	"crypto/sha256"
	"encoding/base32"
	"strconv"
	"strings"
	"time"
)

// Registry statuses of an issued customer id.
const (
	StatusActive  = "active"  // the id names a current customer
	StatusMerged  = "merged"  // the customer merged into an older id; the id is an alias of it
	StatusRetired = "retired" // no current record belongs to the id any more
)

// IDInfo is one customer id in the registry. Ids are never deleted, so an id
// that was ever handed out keeps resolving.
type IDInfo struct {
	ID              string
	Anchor          RecordRef // the record the id was derived from
	AnchorFirstSeen time.Time
	IssuedRun       int64
	Status          string
	MergedInto      string // for StatusMerged: the surviving id
	SplitFrom       string // the id this one was split from, if any
	UpdatedRun      int64
}

// State is the stored result of earlier runs: the registry of every id ever
// issued, the aliases of merged ids and the record → customer map.
type State struct {
	Run     int64 // the last committed run; 0 before the first
	IDs     map[string]*IDInfo
	Aliases map[string]string    // merged id → surviving id
	Map     map[RecordRef]string // record → customer id
}

// NewState returns the empty state of a warehouse that was never resolved.
func NewState() *State {
	return &State{IDs: map[string]*IDInfo{}, Aliases: map[string]string{}, Map: map[RecordRef]string{}}
}

// Lookup returns the current id for id, following an alias, and whether
// the registry contains id.
func (s *State) Lookup(id string) (string, bool) {
	if to, ok := s.Aliases[id]; ok {
		return to, true
	}
	_, ok := s.IDs[id]
	return id, ok
}

// deriveID returns the id derived from an anchor record: "cus_" and 16
// base32 characters of a SHA-256 of its source and key. A salt above zero
// gives the alternative ids used when the plain one is taken. The id depends
// only on the anchor, never on the other members or on load order, so a
// rebuild from nothing gives the same ids.
func deriveID(anchor RecordRef, salt int) string {
	h := sha256.New()
	h.Write([]byte(anchor.Source))
	h.Write([]byte{0})
	h.Write([]byte(anchor.Key))
	if salt > 0 {
		h.Write([]byte{0})
		h.Write([]byte(strconv.Itoa(salt)))
	}
	sum := h.Sum(nil)
	return "cus_" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:10]))
}

// compareAge orders ids oldest first: issued in an earlier run, then with
// an earlier anchor, then by anchor source, key and id, so the survivor of a
// merge is always the same one.
func compareAge(a, b *IDInfo) int {
	if c := cmp.Compare(a.IssuedRun, b.IssuedRun); c != 0 {
		return c
	}
	if c := compareFirstSeen(a.AnchorFirstSeen, b.AnchorFirstSeen); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Anchor.Source, b.Anchor.Source); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Anchor.Key, b.Anchor.Key); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}
