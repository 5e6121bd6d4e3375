package identity

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestJunkEmailsBlockedWithCounts(t *testing.T) {
	junk := []string{"test@test.com", "none@none.com", "n/a", "null", "-1", "anonymous", "0000000"}
	var raws []RawRecord
	for i, j := range junk {
		for k := 0; k <= i; k++ { // junk[i] appears on i+1 leads
			raws = append(raws, raw("leads", fmt.Sprintf("L%d_%d", i, k), i, "email", j))
		}
	}
	res, report := resolveRaw(t, testConfig(), raws...)

	if res.Stats.Customers != len(raws) {
		t.Errorf("customers = %d; want %d (one per lead, nothing linked)", res.Stats.Customers, len(raws))
	}
	if len(res.Links) != 0 {
		t.Errorf("links = %d; want 0", len(res.Links))
	}
	counts := map[string]int{}
	for _, b := range report.Blocked {
		if b.Type != "email" || b.Reason != "blocklist" {
			t.Errorf("blocked %+v; want type email, reason blocklist", b)
		}
		counts[b.Value] = b.Records
	}
	for i, j := range junk {
		if counts[j] != i+1 {
			t.Errorf("blocked count of %q = %d; want %d", j, counts[j], i+1)
		}
	}
	if report.Blocked[0].Value != "0000000" {
		t.Errorf("first blocked value = %q; want the most frequent, 0000000", report.Blocked[0].Value)
	}
}

// Records built without Normalize still meet the blocklist in Resolve.
func TestResolveBlocksNormalizedJunk(t *testing.T) {
	cfg := testConfig()
	cfg.Types[1].Blocklist = []string{"info@*"}
	recs := []Record{
		{Source: "leads", Key: "1", FirstSeen: day0, Identifiers: []Identifier{{"email", "test@test.com"}}},
		{Source: "leads", Key: "2", FirstSeen: day0, Identifiers: []Identifier{{"email", "test@test.com"}}},
		{Source: "leads", Key: "3", FirstSeen: day0, Identifiers: []Identifier{{"email", "info@acme.com"}}},
		{Source: "leads", Key: "4", FirstSeen: day0, Identifiers: []Identifier{{"email", "info@acme.com"}}},
		{Source: "leads", Key: "5", FirstSeen: day0, Identifiers: []Identifier{{"email", "info@acme.com"}}},
	}
	res, err := Resolve(recs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Customers != 5 {
		t.Errorf("customers = %d; want 5", res.Stats.Customers)
	}
	want := []ValueCount{
		{Type: "email", Value: "info@acme.com", Records: 3, Reason: "blocklist"},
		{Type: "email", Value: "test@test.com", Records: 2, Reason: "blocklist"},
	}
	if fmt.Sprint(res.Blocked) != fmt.Sprint(want) {
		t.Errorf("blocked = %+v; want %+v", res.Blocked, want)
	}
}

func householdRecords() []RawRecord {
	return []RawRecord{
		raw("crm_contacts", "C1", 1, "crm_contact_id", "C1", "email", "family@example.com"),
		raw("crm_contacts", "C2", 2, "crm_contact_id", "C2", "email", "family@example.com"),
		raw("crm_contacts", "C3", 3, "crm_contact_id", "C3", "email", "Family@Example.com"),
		raw("leads", "L1", 4, "email", "family@example.com"),
	}
}

func TestHouseholdWithoutLimitIsOneCustomer(t *testing.T) {
	res, _ := resolveRaw(t, testConfig(), householdRecords()...)
	if res.Stats.Customers != 1 {
		t.Errorf("customers = %d; want 1", res.Stats.Customers)
	}
	if len(res.Conflicts) != 0 {
		t.Errorf("conflicts = %+v; want none", res.Conflicts)
	}
	if res.Stats.LinksByType["email"] != 3 {
		t.Errorf("email links = %d; want 3 (k-1 for 4 records)", res.Stats.LinksByType["email"])
	}
}

func TestHouseholdWithLimitSplitsAndReports(t *testing.T) {
	cfg := testConfig()
	cfg.Types[0].MaxPerCustomer = 1
	res, _ := resolveRaw(t, cfg, householdRecords()...)

	if res.Stats.Customers != 3 {
		t.Errorf("customers = %d; want 3", res.Stats.Customers)
	}
	if !sameCustomer(t, res, "leads:L1", "crm_contacts:C1") {
		t.Error("lead L1 is not with C1, the email's earliest record")
	}
	if sameCustomer(t, res, "crm_contacts:C1", "crm_contacts:C2") || sameCustomer(t, res, "crm_contacts:C2", "crm_contacts:C3") {
		t.Error("two CRM contacts share a customer despite max_per_customer 1")
	}
	if len(res.Conflicts) != 2 {
		t.Fatalf("conflicts = %+v; want 2 (C2 and C3 against C1)", res.Conflicts)
	}
	c := res.Conflicts[0]
	if c.Rule != "max_per_customer" || c.B.Key != "C2" || c.Type != "email" || c.Value != "family@example.com" {
		t.Errorf("conflict = %+v; want max_per_customer on C2 through email family@example.com", c)
	}
	if !strings.Contains(c.Detail, "2 crm_contact_id values (C1, C2), max_per_customer is 1") {
		t.Errorf("conflict detail = %q; want the values and the limit", c.Detail)
	}
}

func TestEmailNormalizationLinks(t *testing.T) {
	res, _ := resolveRaw(t, testConfig(),
		raw("leads", "1", 1, "email", "j.smith@gmail.com"),
		raw("leads", "2", 2, "email", "jsmith@gmail.com"),
		raw("leads", "3", 3, "email", "j.smith@acme.com"),
		raw("leads", "4", 4, "email", "jsmith@acme.com"),
		raw("leads", "5", 5, "email", " Jane@Example.COM "),
		raw("leads", "6", 6, "email", "jane@example.com"),
	)
	if !sameCustomer(t, res, "leads:1", "leads:2") {
		t.Error("j.smith@gmail.com and jsmith@gmail.com are different customers; want one")
	}
	if sameCustomer(t, res, "leads:3", "leads:4") {
		t.Error("j.smith@acme.com and jsmith@acme.com are one customer; want two")
	}
	if !sameCustomer(t, res, "leads:5", "leads:6") {
		t.Error(`" Jane@Example.COM " and jane@example.com are different customers; want one`)
	}
	if res.Stats.Customers != 4 {
		t.Errorf("customers = %d; want 4", res.Stats.Customers)
	}
}

func TestPhoneFormatsUnderUS(t *testing.T) {
	res, _ := resolveRaw(t, testConfig(),
		raw("leads", "1", 1, "phone", "(807) 422-9031"),
		raw("leads", "2", 2, "phone", "807-422-9031"),
		raw("invoices", "3", 3, "phone", "+1 807 422 9031"),
	)
	if res.Stats.Customers != 1 {
		t.Errorf("customers = %d; want 1", res.Stats.Customers)
	}
	if len(res.Records[0].Identifiers) != 1 || res.Records[0].Identifiers[0].Value != "+18074229031" {
		t.Errorf("identifiers = %+v; want phone +18074229031", res.Records[0].Identifiers)
	}
}

func TestInternationalVersusNationalPhone(t *testing.T) {
	intl := raw("leads", "1", 1, "phone", "+39 0352 6553537")
	national := raw("invoices", "2", 2, "phone", "0352 6553537")

	res, report := resolveRaw(t, testConfig(), intl, national)
	if sameCustomer(t, res, "leads:1", "invoices:2") {
		t.Error("national 0352 6553537 linked under default US; want no link")
	}
	if report.Invalid["phone"] != 1 {
		t.Errorf("invalid phones = %d; want 1 (the national number read as US)", report.Invalid["phone"])
	}

	national.Country = "IT"
	res, _ = resolveRaw(t, testConfig(), intl, national)
	if !sameCustomer(t, res, "leads:1", "invoices:2") {
		t.Error("national 0352 6553537 with default IT not linked to +39 0352 6553537; want one customer")
	}
}

func TestTypeNamespacing(t *testing.T) {
	res, _ := resolveRaw(t, testConfig(),
		raw("leads", "1", 1, "phone", "12345"),
		raw("crm_contacts", "2", 2, "crm_contact_id", "12345"),
		raw("leads", "3", 3, "phone", "+1 807 422 9031"),
		raw("crm_contacts", "4", 4, "crm_contact_id", "+18074229031"),
	)
	if res.Stats.Customers != 4 {
		t.Errorf("customers = %d; want 4", res.Stats.Customers)
	}
	if res.Stats.Identifiers != 3 {
		t.Errorf("identifiers = %d; want 3 (phone 12345 is invalid, the rest are distinct)", res.Stats.Identifiers)
	}
}

func chainRecords() []RawRecord {
	return []RawRecord{
		raw("leads", "L1", 1, "email", "ann@acme.com"),
		raw("crm_contacts", "C1", 2, "crm_contact_id", "C1", "email", "Ann@Acme.com", "phone", "(807) 422-9031"),
		raw("invoices", "I1", 3, "phone", "+1 807 422 9031"),
	}
}

func TestTransitiveChain(t *testing.T) {
	res, _ := resolveRaw(t, testConfig(), chainRecords()...)
	if res.Stats.Customers != 1 {
		t.Fatalf("customers = %d; want 1", res.Stats.Customers)
	}
	got := []string{}
	for _, l := range res.Links {
		got = append(got, fmt.Sprintf("%s-%s %s:%s", res.Records[l.A].Ref(), res.Records[l.B].Ref(), l.Type, l.Value))
	}
	want := []string{"leads:L1-crm_contacts:C1 email:ann@acme.com", "crm_contacts:C1-invoices:I1 phone:+18074229031"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("links = %v; want %v", got, want)
	}
}

func TestQuarantineSharedByTooManyRecords(t *testing.T) {
	cfg := testConfig()
	cfg.MaxRecordsPerValue = 3
	var raws []RawRecord
	for i := range 4 {
		raws = append(raws, raw("leads", fmt.Sprint(i), i, "email", "frontdesk@hotel.com"))
	}
	raws = append(raws, raw("leads", "a", 9, "email", "pair@acme.com"), raw("leads", "b", 9, "email", "pair@acme.com"))
	res, _ := resolveRaw(t, cfg, raws...)

	if res.Stats.Customers != 5 {
		t.Errorf("customers = %d; want 5", res.Stats.Customers)
	}
	want := ValueCount{Type: "email", Value: "frontdesk@hotel.com", Records: 4, Reason: ReasonTooManyRecords, Detail: "4 records > 3"}
	if len(res.Quarantined) != 1 || res.Quarantined[0] != want {
		t.Errorf("quarantined = %+v; want [%+v]", res.Quarantined, want)
	}
}

func TestQuarantineLinkingTooManyStrongIDs(t *testing.T) {
	cfg := testConfig()
	cfg.MaxStrongPerValue = 2
	res, _ := resolveRaw(t, cfg, householdRecords()...)

	if res.Stats.Customers != 4 {
		t.Errorf("customers = %d; want 4 (the email is quarantined)", res.Stats.Customers)
	}
	if len(res.Quarantined) != 1 || res.Quarantined[0].Reason != ReasonTooManyStrong || res.Quarantined[0].Records != 4 {
		t.Errorf("quarantined = %+v; want family@example.com on 4 records, too many strong ids", res.Quarantined)
	}
}

func TestOverridesWin(t *testing.T) {
	cfg := testConfig()
	cfg.Types[0].MaxPerCustomer = 1
	cfg.Overrides = []Override{
		{Rule: RuleMustLink, A: RecordRef{"crm_contacts", "C2"}, B: RecordRef{"crm_contacts", "C3"}, Note: "same person, two CRM entries"},
		{Rule: RuleCannotLink, A: RecordRef{"crm_contacts", "C1"}, B: RecordRef{"leads", "L1"}},
		{Rule: RuleMustLink, A: RecordRef{"crm_contacts", "C1"}, B: RecordRef{"crm_contacts", "C9"}},
	}
	res, _ := resolveRaw(t, cfg, householdRecords()...)

	if !sameCustomer(t, res, "crm_contacts:C2", "crm_contacts:C3") {
		t.Error("must-link C2–C3 not applied over max_per_customer")
	}
	if sameCustomer(t, res, "crm_contacts:C1", "leads:L1") {
		t.Error("cannot-link C1–L1 not applied")
	}
	// The email links each record only to its anchor C1, so once the
	// cannot-link rejects L1–C1 the lead stays on its own.
	if res.Stats.Customers != 3 {
		t.Errorf("customers = %d; want 3: {C1}, {C2, C3}, {L1}", res.Stats.Customers)
	}
	rules := map[string]int{}
	for _, c := range res.Conflicts {
		rules[c.Rule]++
	}
	if rules["unknown_record"] != 1 || rules[RuleCannotLink] != 1 {
		t.Errorf("conflicts = %+v; want one unknown_record (C9) and one cannot_link (L1 to C1)", res.Conflicts)
	}
	if res.Stats.LinksByType[RuleMustLink] != 1 {
		t.Errorf("must-link links = %d; want 1", res.Stats.LinksByType[RuleMustLink])
	}
}

func TestDuplicateRecordsMerge(t *testing.T) {
	res, _ := resolveRaw(t, testConfig(),
		raw("leads", "1", 5, "email", "a@acme.com"),
		raw("leads", "1", 2, "phone", "807-422-9031"),
		raw("invoices", "9", 3, "phone", "+18074229031"),
	)
	if len(res.Records) != 2 {
		t.Fatalf("records = %d; want 2", len(res.Records))
	}
	if !res.Records[0].FirstSeen.Equal(day0.AddDate(0, 0, 2)) || res.Records[0].Key != "1" {
		t.Errorf("first record = %s at %s; want leads:1 at its earliest first-seen time", res.Records[0].Ref(), res.Records[0].FirstSeen)
	}
	if res.Stats.Customers != 1 {
		t.Errorf("customers = %d; want 1", res.Stats.Customers)
	}
}

// Normalize splits large inputs across goroutines; the merged report must
// count every value once.
func TestNormalizeLargeInputCounts(t *testing.T) {
	n := 3*normalizeChunk + 7
	raws := make([]RawRecord, n)
	want := map[string]int{}
	for i := range raws {
		switch i % 3 {
		case 0:
			raws[i] = raw("leads", fmt.Sprint(i), 0, "email", "N/A")
			want["blocked"]++
		case 1:
			raws[i] = raw("leads", fmt.Sprint(i), 0, "phone", fmt.Sprint(1+i%50)) // too short to be valid
			want["invalid"]++
		default:
			raws[i] = raw("leads", fmt.Sprint(i), 0, "email", fmt.Sprintf("p%d@acme.com", i))
		}
	}
	recs, report, err := Normalize(raws, testConfig())
	if err != nil {
		t.Fatal(err)
	}
	if len(report.Blocked) != 1 || report.Blocked[0].Records != want["blocked"] {
		t.Errorf("blocked = %+v; want n/a on %d records", report.Blocked, want["blocked"])
	}
	if report.Invalid["phone"] != want["invalid"] {
		t.Errorf("invalid phones = %d; want %d", report.Invalid["phone"], want["invalid"])
	}
	if last := recs[n-2]; last.Key != fmt.Sprint(n-2) || len(last.Identifiers) != 1 {
		t.Errorf("record %d = %+v; want its key and email", n-2, last)
	}
}

func TestCanonicalOrderFarDates(t *testing.T) {
	recs := []Record{
		{Source: "a", Key: "late", FirstSeen: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Source: "a", Key: "unknown"},
		{Source: "a", Key: "early", FirstSeen: time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Source: "a", Key: "now", FirstSeen: day0.Add(time.Nanosecond)},
		{Source: "a", Key: "now0", FirstSeen: day0},
	}
	res, err := Resolve(recs, testConfig())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res.Records {
		got = append(got, r.Key)
	}
	if want := "[early now0 now late unknown]"; fmt.Sprint(got) != want {
		t.Errorf("order = %v; want %s", got, want)
	}
}

func TestUndeclaredTypeRejected(t *testing.T) {
	recs := []Record{{Source: "leads", Key: "1", Identifiers: []Identifier{{"fax", "+18074229031"}}}}
	_, err := Resolve(recs, testConfig())
	if err == nil || !strings.Contains(err.Error(), `record leads:1 has a value of identifier type "fax", which is not declared`) {
		t.Errorf("Resolve with type fax: %v; want an undeclared type error", err)
	}
	_, _, err = Normalize([]RawRecord{raw("leads", "1", 0, "fax", "1")}, testConfig())
	if err == nil || !strings.Contains(err.Error(), `identifier type "fax"`) {
		t.Errorf("Normalize with type fax: %v; want an undeclared type error", err)
	}
}

// A value shared by records with many distinct strong ids is quarantined
// with the exact count, also past the point where counting switches to a set.
func TestQuarantineCountsStrongIDs(t *testing.T) {
	cfg := testConfig()
	cfg.MaxStrongPerValue = 5
	var raws []RawRecord
	for i := range 40 {
		raws = append(raws, raw("crm_contacts", fmt.Sprint(i), i, "crm_contact_id", fmt.Sprint("C", i%35), "email", "desk@acme.com"))
	}
	res, _ := resolveRaw(t, cfg, raws...)
	if len(res.Quarantined) != 1 || res.Quarantined[0].Detail != "35 strong ids > 5" {
		t.Errorf("quarantined = %+v; want desk@acme.com with 35 strong ids > 5", res.Quarantined)
	}
	if res.Stats.Customers != 35 {
		t.Errorf("customers = %d; want 35, one per contact id", res.Stats.Customers)
	}
}
