package identity

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// randomRecords returns n records whose identifiers come from small pools,
// so they form chains and clusters of every size.
func randomRecords(rng *rand.Rand, n int) []Record {
	recs := make([]Record, n)
	for i := range recs {
		r := Record{Source: fmt.Sprint("s", rng.IntN(3)), Key: fmt.Sprint(i), FirstSeen: day0.Add(time.Duration(rng.IntN(50)) * time.Hour)}
		for range rng.IntN(4) {
			switch rng.IntN(3) {
			case 0:
				r.Identifiers = append(r.Identifiers, Identifier{"email", fmt.Sprintf("u%d@acme.com", rng.IntN(n))})
			case 1:
				r.Identifiers = append(r.Identifiers, Identifier{"phone", fmt.Sprintf("+1555%07d", rng.IntN(n))})
			default:
				// From 1, because the id "0" is on the junk list.
				r.Identifiers = append(r.Identifiers, Identifier{"crm_contact_id", fmt.Sprint(1 + rng.IntN(n))})
			}
		}
		recs[i] = r
	}
	return recs
}

// naiveComponents labels records by breadth-first search over shared
// identifier keys: an independent statement of what Resolve must compute
// when no guard applies.
func naiveComponents(recs []Record) map[RecordRef]RecordRef {
	byKey := map[string][]int{}
	for i, r := range recs {
		for _, id := range r.Identifiers {
			byKey[id.Key()] = append(byKey[id.Key()], i)
		}
	}
	label := map[RecordRef]RecordRef{}
	for i := range recs {
		if _, done := label[recs[i].Ref()]; done {
			continue
		}
		queue, members := []int{i}, []int{i}
		seen := map[int]bool{i: true}
		for len(queue) > 0 {
			j := queue[0]
			queue = queue[1:]
			for _, id := range recs[j].Identifiers {
				for _, k := range byKey[id.Key()] {
					if !seen[k] {
						seen[k] = true
						queue = append(queue, k)
						members = append(members, k)
					}
				}
			}
		}
		// The label is the member that sorts first canonically.
		first := members[0]
		for _, m := range members {
			if compareRecords(&recs[m], &recs[first]) < 0 {
				first = m
			}
		}
		for _, m := range members {
			label[recs[m].Ref()] = recs[first].Ref()
		}
	}
	return label
}

func TestResolveMatchesBreadthFirstSearch(t *testing.T) {
	cfg := testConfig()
	cfg.MaxRecordsPerValue, cfg.MaxStrongPerValue = -1, -1
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 20 {
		recs := randomRecords(rng, 50+rng.IntN(500))
		want := naiveComponents(recs)
		res, err := Resolve(recs, cfg)
		if err != nil {
			t.Fatal(err)
		}
		ids := Assign(res, NewState(), 1).IDs
		customers := map[string]bool{}
		for i, r := range res.Records {
			if got := res.Records[res.Anchor[i]].Ref(); got != want[r.Ref()] {
				t.Fatalf("round %d: %s is anchored at %s; want %s", round, r.Ref(), got, want[r.Ref()])
			}
			if ids[i] != deriveID(want[r.Ref()], 0) {
				t.Fatalf("round %d: %s has id %s; want the id of its anchor %s", round, r.Ref(), ids[i], want[r.Ref()])
			}
			customers[ids[i]] = true
		}
		if len(customers) != res.Stats.Customers {
			t.Errorf("round %d: %d distinct ids; want %d customers", round, len(customers), res.Stats.Customers)
		}

		shuffled := append([]Record(nil), recs...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, err := Resolve(shuffled, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(again.Anchor) != fmt.Sprint(res.Anchor) || len(again.Links) != len(res.Links) {
			t.Errorf("round %d: shuffled input gives other anchors or %d links instead of %d", round, len(again.Links), len(res.Links))
		}
	}
}
