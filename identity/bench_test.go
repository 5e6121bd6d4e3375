package identity

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// generateRecords returns n normalized records with three identifiers each:
// a person's email, a person's phone and the record's own external id, with
// about 2.5 records per person, in shuffled order.
func generateRecords(n int) []Record {
	rng := rand.New(rand.NewPCG(1, 2))
	people := n * 2 / 5
	recs := make([]Record, n)
	for i := range recs {
		p := rng.IntN(people)
		phonePerson := p
		if rng.IntN(10) == 0 { // a tenth of the phones belong to another person
			phonePerson = rng.IntN(people)
		}
		recs[i] = Record{
			Source:    []string{"leads", "crm_contacts", "invoices"}[i%3],
			Key:       fmt.Sprintf("R%07d", i),
			FirstSeen: day0.Add(time.Duration(rng.IntN(365*24)) * time.Hour),
			Identifiers: []Identifier{
				{"email", fmt.Sprintf("user%d@example.com", p)},
				{"phone", fmt.Sprintf("+1555%07d", phonePerson)},
				{"crm_contact_id", fmt.Sprintf("C%07d", i)},
			},
		}
	}
	return recs
}

func benchmarkResolve(b *testing.B, n int) {
	recs := generateRecords(n)
	cfg := testConfig()
	b.ResetTimer()
	var res *Result
	for b.Loop() {
		var err error
		if res, err = Resolve(recs, cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Stats.Customers), "customers")
	b.ReportMetric(float64(len(res.Links)), "links")
}

// BenchmarkResolve1M resolves 1,000,000 records × 3 identifiers, the size
// the resolver is meant to handle in a few seconds.
func BenchmarkResolve1M(b *testing.B) { benchmarkResolve(b, 1_000_000) }

func BenchmarkResolve100k(b *testing.B) { benchmarkResolve(b, 100_000) }

// BenchmarkNormalize100k normalizes 100,000 raw records, each with an
// email and a distinct phone number in one of three formats; phone parsing
// dominates.
func BenchmarkNormalize100k(b *testing.B) {
	raws := make([]RawRecord, 100_000)
	for i := range raws {
		phone := []string{"(212) 555-%04d", "+1 646 555 %04d", "415.555.%04d"}[i%3]
		raws[i] = RawRecord{Source: "leads", Key: fmt.Sprint(i), Values: []RawValue{
			{"email", fmt.Sprintf(" User%d@Example.com ", i)},
			{"phone", fmt.Sprintf(phone, i%10_000)},
		}}
	}
	cfg := testConfig()
	for b.Loop() {
		if _, _, err := Normalize(raws, cfg); err != nil {
			b.Fatal(err)
		}
	}
}
