package identity

import (
	"testing"
	"time"

	"github.com/metricsd/metricsd/identity/normalize"
)

// testConfig declares the identifier types of the tests, strongest first.
func testConfig() *Config {
	return &Config{Types: []IdentifierType{
		{Name: "crm_contact_id", Kind: normalize.KindExternalID},
		{Name: "email", Kind: normalize.KindEmail},
		{Name: "phone", Kind: normalize.KindPhone, DefaultCountry: "US"},
	}}
}

var day0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// raw builds a raw record first seen day days after day0; values alternate
// type and raw value.
func raw(source, key string, day int, values ...string) RawRecord {
	r := RawRecord{Source: source, Key: key, FirstSeen: day0.AddDate(0, 0, day)}
	for i := 0; i+1 < len(values); i += 2 {
		r.Values = append(r.Values, RawValue{Type: values[i], Raw: values[i+1]})
	}
	return r
}

// resolveRaw normalizes and resolves raw records.
func resolveRaw(t *testing.T, cfg *Config, raws ...RawRecord) (*Result, *NormalizeReport) {
	t.Helper()
	recs, report, err := Normalize(raws, cfg)
	if err != nil {
		t.Fatalf("Normalize: %v", err)
	}
	res, err := Resolve(recs, cfg)
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	return res, report
}

// indexOf returns the index of a record in res.Records.
func indexOf(t *testing.T, res *Result, ref string) int {
	t.Helper()
	r, ok := ParseRecordRef(ref)
	if !ok {
		t.Fatalf("bad record ref %q", ref)
	}
	for i := range res.Records {
		if res.Records[i].Ref() == r {
			return i
		}
	}
	t.Fatalf("record %s not in result", ref)
	return -1
}

func sameCustomer(t *testing.T, res *Result, a, b string) bool {
	t.Helper()
	return res.Anchor[indexOf(t, res, a)] == res.Anchor[indexOf(t, res, b)]
}
