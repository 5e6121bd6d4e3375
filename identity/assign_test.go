package identity

import (
	"math/rand/v2"
	"testing"
	"time"
)

// step normalizes, resolves and assigns one run against prior.
func step(t *testing.T, prior *State, raws ...RawRecord) (*Result, *Assignment, *State) {
	t.Helper()
	res, _ := resolveRaw(t, testConfig(), raws...)
	a := Assign(res, prior, prior.Run+1)
	return res, a, a.State(res)
}

func idOf(t *testing.T, s *State, ref string) string {
	t.Helper()
	r, _ := ParseRecordRef(ref)
	id, ok := s.Map[r]
	if !ok {
		t.Fatalf("record %s has no customer id", ref)
	}
	return id
}

func TestDeterministicIDs(t *testing.T) {
	raws := append(chainRecords(),
		raw("crm_contacts", "H1", 1, "crm_contact_id", "H1", "email", "family@example.com"),
		raw("crm_contacts", "H2", 2, "crm_contact_id", "H2", "email", "family@example.com"),
		raw("leads", "solo", 9, "email", "solo@acme.com"),
		raw("leads", "nodate", 0, "phone", "0"),
	)
	raws[len(raws)-1].FirstSeen = time.Time{}
	_, first, s1 := step(t, NewState(), raws...)

	if first.Changes.New != 4 {
		t.Errorf("new customers = %d; want 4", first.Changes.New)
	}
	if want := deriveID(RecordRef{"leads", "L1"}, 0); idOf(t, s1, "invoices:I1") != want {
		t.Errorf("chain id = %s; want %s, derived from its anchor leads:L1", idOf(t, s1, "invoices:I1"), want)
	}

	// The same input again changes nothing.
	_, again, s2 := step(t, s1, raws...)
	if again.Changes != (Changes{PriorRecords: len(raws)}) {
		t.Errorf("changes on the same input = %+v; want none", again.Changes)
	}
	for ref, id := range s1.Map {
		if s2.Map[ref] != id {
			t.Errorf("second run: %s has %s; want %s", ref, s2.Map[ref], id)
		}
	}

	// Shuffled input and a rebuild from nothing give the same ids.
	rng := rand.New(rand.NewPCG(7, 7))
	for round := range 5 {
		shuffled := append([]RawRecord(nil), raws...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		_, _, s3 := step(t, NewState(), shuffled...)
		for ref, id := range s1.Map {
			if s3.Map[ref] != id {
				t.Errorf("rebuild %d from shuffled input: %s has %s; want %s", round, ref, s3.Map[ref], id)
			}
		}
	}
}

func TestMergeKeepsOlderID(t *testing.T) {
	lead := raw("leads", "L1", 5, "email", "ann@acme.com")
	payer := raw("invoices", "P1", 1, "phone", "+1 807 422 9031") // first seen earlier, loaded later
	linker := raw("invoices", "I9", 9, "email", "ann@acme.com", "phone", "807-422-9031")

	_, _, s1 := step(t, NewState(), lead)
	_, _, s2 := step(t, s1, lead, payer)
	older, newer := idOf(t, s2, "leads:L1"), idOf(t, s2, "invoices:P1")
	if older == newer {
		t.Fatalf("lead and payer share %s before the linking invoice", older)
	}

	_, merge, s3 := step(t, s2, lead, payer, linker)
	for _, ref := range []string{"leads:L1", "invoices:P1", "invoices:I9"} {
		if got := idOf(t, s3, ref); got != older {
			t.Errorf("%s after the merge = %s; want the older id %s", ref, got, older)
		}
	}
	if merge.Changes.Merged != 1 || merge.Changes.Churned != 0 || merge.Changes.New != 0 {
		t.Errorf("changes = %+v; want 1 merged, 0 churned, 0 new", merge.Changes)
	}
	if got, ok := s3.Lookup(newer); !ok || got != older {
		t.Errorf("Lookup(%s) = %s, %v; want alias of %s", newer, got, ok, older)
	}
	if info := s3.IDs[newer]; info.Status != StatusMerged || info.MergedInto != older {
		t.Errorf("registry entry of %s = %+v; want merged into %s", newer, info, older)
	}
}

func TestSplitKeepsIDWithAnchor(t *testing.T) {
	_, _, s1 := step(t, NewState(), chainRecords()...)
	id := idOf(t, s1, "leads:L1")

	// The CRM contact that bridged the lead and the payer is deleted.
	chain := chainRecords()
	_, split, s2 := step(t, s1, chain[0], chain[2])

	if got := idOf(t, s2, "leads:L1"); got != id {
		t.Errorf("lead after the split = %s; want %s (it holds the anchor)", got, id)
	}
	payerID := idOf(t, s2, "invoices:I1")
	if payerID == id {
		t.Fatal("payer kept the id of the part holding the anchor")
	}
	if info := s2.IDs[payerID]; info.SplitFrom != id || info.Status != StatusActive {
		t.Errorf("registry entry of %s = %+v; want active, split from %s", payerID, info, id)
	}
	want := Changes{Split: 1, Churned: 1, Removed: 1, PriorRecords: 2}
	if split.Changes != want {
		t.Errorf("changes = %+v; want %+v", split.Changes, want)
	}
}

func TestMovedRecord(t *testing.T) {
	a := raw("leads", "A", 1, "email", "a@acme.com")
	b := raw("leads", "B", 2, "email", "b@acme.com")
	x := raw("invoices", "X", 3, "email", "a@acme.com")
	_, _, s1 := step(t, NewState(), a, b, x)

	x = raw("invoices", "X", 3, "email", "b@acme.com")
	_, moved, s2 := step(t, s1, a, b, x)
	if idOf(t, s2, "invoices:X") != idOf(t, s1, "leads:B") {
		t.Errorf("X = %s; want B's id %s", idOf(t, s2, "invoices:X"), idOf(t, s1, "leads:B"))
	}
	if moved.Changes.Moved != 1 || moved.Changes.Churned != 1 {
		t.Errorf("changes = %+v; want 1 moved, 1 churned", moved.Changes)
	}
}

func TestRetiredIDRevives(t *testing.T) {
	a := raw("leads", "A", 1, "email", "a@acme.com")
	b := raw("leads", "B", 2, "email", "b@acme.com")
	_, _, s1 := step(t, NewState(), a, b)
	_, gone, s2 := step(t, s1, a)
	if gone.Changes.Retired != 1 || s2.IDs[idOf(t, s1, "leads:B")].Status != StatusRetired {
		t.Fatalf("changes = %+v; want B's id retired", gone.Changes)
	}
	_, back, s3 := step(t, s2, a, b)
	if idOf(t, s3, "leads:B") != idOf(t, s1, "leads:B") || back.Changes.New != 1 {
		t.Errorf("B back = %s (changes %+v); want its old id %s", idOf(t, s3, "leads:B"), back.Changes, idOf(t, s1, "leads:B"))
	}
}

func TestDeriveIDShape(t *testing.T) {
	id := deriveID(RecordRef{"leads", "L1"}, 0)
	if len(id) != 20 || id[:4] != "cus_" {
		t.Errorf("id = %q; want cus_ and 16 characters", id)
	}
	if id == deriveID(RecordRef{"leads", "L1"}, 1) || id == deriveID(RecordRef{"lead", "sL1"}, 0) {
		t.Error("salted or shifted anchors give the same id")
	}
}

// Three customers merge in two steps; every alias must resolve to the
// final survivor in one hop.
func TestMergeChainRepointsAliases(t *testing.T) {
	a := raw("leads", "A", 1, "email", "a@acme.com")
	b := raw("leads", "B", 2, "email", "b@acme.com")
	c := raw("leads", "C", 3, "email", "c@acme.com")
	_, _, s1 := step(t, NewState(), c)
	_, _, s2 := step(t, s1, b, c)
	_, _, s3 := step(t, s2, a, b, c)
	idA, idB, idC := idOf(t, s3, "leads:A"), idOf(t, s3, "leads:B"), idOf(t, s3, "leads:C")

	// A merges into B first, so A's alias points at B ...
	ab := raw("invoices", "AB", 4, "email", "a@acme.com", "email", "b@acme.com")
	_, _, s4 := step(t, s3, a, b, c, ab)
	if got := s4.Aliases[idA]; got != idB {
		t.Fatalf("alias of A after merging with B = %s; want B's older id %s", got, idB)
	}
	// ... and when B merges into C, A's alias must move to C.
	bc := raw("invoices", "BC", 5, "email", "b@acme.com", "email", "c@acme.com")
	_, _, s5 := step(t, s4, a, b, c, ab, bc)
	for _, id := range []string{idA, idB} {
		if to := s5.Aliases[id]; to != idC {
			t.Errorf("alias %s → %s; want %s in one hop", id, to, idC)
		}
	}
	if len(s5.Aliases) != 2 {
		t.Errorf("aliases = %v; want 2", s5.Aliases)
	}
}
