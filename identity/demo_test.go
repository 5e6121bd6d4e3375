package identity

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/metricsd/metricsd/demo"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/warehouse"
)

// demoDefinitions resolve the demo business: leads carry the CRM contact
// id, a messy email and a messy phone; deals and invoices carry the
// contact id.
const demoDefinitions = `version: 1
sources:
  - {name: crm_leads, location: {table: leads}}
  - {name: crm_deals, location: {table: deals}}
  - {name: billing_invoices, location: {table: invoices}}
identities:
  - name: customer
    identifiers:
      - {name: crm_contact_id, kind: external_id}
      - {name: email, kind: email}
      - {name: phone, kind: phone, default_country: US}
    carriers:
      - {source: crm_leads, key: lead_id, first_seen: created_at, columns: {crm_contact_id: customer_id, email: email, phone: phone}}
      - {source: crm_deals, key: deal_id, first_seen: created_at, columns: {crm_contact_id: customer_id}}
      - {source: billing_invoices, key: invoice_id, first_seen: issued_at, columns: {crm_contact_id: customer_id}}
`

// TestDemoResolution resolves the generated demo data and checks the
// result against SQL over the raw tables.
func TestDemoResolution(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo warehouse")
	}
	ctx := context.Background()
	w, err := warehouse.Open(ctx, "duckdb:", warehouse.Options{QueryTimeout: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := demo.Load(ctx, w, demo.Config{Seed: 1}, demo.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "identity.yml"), []byte(demoDefinitions), 0o644); err != nil {
		t.Fatal(err)
	}
	set, diags, err := load.Dir(dir)
	if err != nil || diags.HasErrors() {
		t.Fatalf("load: %v %v", err, diags)
	}
	db := w.DB().DB

	start := time.Now()
	r, diags, err := ResolveDefinitions(ctx, db, w.Dialect(), set, ResolveOptions{})
	if err != nil || diags.HasErrors() {
		t.Fatalf("resolve: %v %v", err, diags)
	}
	elapsed := time.Since(start)
	st := r.Result.Stats
	t.Logf("demo seed 1: %d records, %d identifiers, %d customers, links %v, invalid %v, %d blocked values, %d quarantined, resolved and stored in %s",
		st.Records, st.Identifiers, st.Customers, st.LinksByType, r.Invalid, len(r.Blocked), len(r.Result.Quarantined), elapsed.Round(time.Millisecond))
	for _, b := range r.Blocked {
		t.Logf("blocked %s %q: %d records", b.Type, b.Value, b.Records)
	}

	records := queryInt(t, db, `SELECT (SELECT count(*) FROM leads) + (SELECT count(*) FROM deals) + (SELECT count(*) FROM invoices)`)
	if st.Records != records {
		t.Errorf("records = %d; want %d, the rows of leads, deals and invoices", st.Records, records)
	}
	// Deals and invoices carry their lead's contact id, so each must land
	// in its lead's customer.
	dealMismatch := queryInt(t, db, `SELECT count(*) FROM deals d
		JOIN identity_map md ON md.source = 'crm_deals' AND md.record_key = CAST(d.deal_id AS VARCHAR)
		JOIN identity_map ml ON ml.source = 'crm_leads' AND ml.record_key = CAST(d.lead_id AS VARCHAR)
		WHERE md.customer_id <> ml.customer_id`)
	if dealMismatch != 0 {
		t.Errorf("deals in another customer than their lead = %d; want 0", dealMismatch)
	}
	invoiceMismatch := queryInt(t, db, `SELECT count(*) FROM invoices i
		JOIN identity_map mi ON mi.source = 'billing_invoices' AND mi.record_key = CAST(i.invoice_id AS VARCHAR)
		JOIN identity_map md ON md.source = 'crm_deals' AND md.record_key = CAST(i.deal_id AS VARCHAR)
		WHERE mi.customer_id <> md.customer_id`)
	if invoiceMismatch != 0 {
		t.Errorf("invoices in another customer than their deal = %d; want 0", invoiceMismatch)
	}
	// Repeat visitors the CRM failed to match have two contact ids but one
	// email, so there are fewer customers than contacts.
	contacts := queryInt(t, db, `SELECT count(DISTINCT customer_id) FROM leads`)
	t.Logf("%d CRM contacts on leads", contacts)
	if st.Customers >= contacts {
		t.Errorf("customers = %d; want fewer than the %d CRM contacts", st.Customers, contacts)
	}
	// Staff test leads typed test@example.com in two spellings: blocked,
	// with their exact count.
	testEmails := queryInt(t, db, `SELECT count(*) FROM leads WHERE lower(trim(email)) = 'test@example.com'`)
	var blocked int
	for _, b := range r.Blocked {
		if b.Type == "email" && b.Value == "test@example.com" {
			blocked = b.Records
		}
	}
	if testEmails == 0 || blocked != testEmails {
		t.Errorf("blocked test@example.com records = %d; want %d (> 0)", blocked, testEmails)
	}

	again, _, err := ResolveDefinitions(ctx, db, w.Dialect(), set, ResolveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if c := again.Assignment.Changes; c.New+c.Merged+c.Split+c.Moved+c.Churned != 0 || c.PriorRecords != records {
		t.Errorf("second run changes = %+v; want none over %d earlier records", c, records)
	}
}
