package reference

import (
	"context"
	"testing"

	"github.com/metricsd/metricsd/identity"
	"github.com/metricsd/metricsd/semantic/load"
)

// handClosedByIdentity counts, per channel, the resolved customers
// (identity_map) and the CRM contacts behind won deals, and the won deals
// that have no identity_map row.
const handClosedByIdentity = `SELECT l.channel,
		COUNT(DISTINCT m.customer_id) AS customers,
		COUNT(DISTINCT d.customer_id) AS contacts,
		COUNT(*) FILTER (WHERE m.customer_id IS NULL) AS unmapped
	FROM deals d JOIN leads l ON l.lead_id = d.lead_id
	LEFT JOIN identity_map m ON m.source = 'crm_deals' AND m.record_key = CAST(d.deal_id AS VARCHAR)
	WHERE d.status = 'won'
	GROUP BY l.channel ORDER BY l.channel`

// TestIdentityOfClosedCustomers resolves the identity of definitions/ on
// the demo and compares resolved customers with the CRM contacts that
// closed_customers counts. On the demo they are equal per channel, which
// is why the models may keep the CRM contact id as the customer key. If
// this fails, closed_customers counts one person twice and the models
// should join through identity_map.
func TestIdentityOfClosedCustomers(t *testing.T) {
	ctx := context.Background()
	set, diags, err := load.Dir(definitionsDir)
	if err != nil || diags.HasErrors() {
		t.Fatalf("load %s: %v %v", definitionsDir, err, diags)
	}
	w := demoWarehouse(t, "duckdb:")
	report, diags, err := identity.ResolveDefinitions(ctx, w.DB().DB, w.Dialect(), set, identity.ResolveOptions{})
	if err != nil || diags.HasErrors() {
		t.Fatalf("resolve identity: %v %v", err, diags)
	}
	t.Logf("identity: %d records, %d customers", report.Result.Stats.Records, report.Result.Stats.Customers)

	res, err := w.Query(ctx, handClosedByIdentity, nil)
	if err != nil {
		t.Fatalf("count closed customers through identity_map: %v", err)
	}
	var customers, contacts int64
	for _, row := range res.Rows {
		channel := row[0].(string)
		c, k, unmapped := row[1].(int64), row[2].(int64), row[3].(int64)
		t.Logf("%-9s closed customers: %d resolved, %d CRM contacts", channel, c, k)
		if unmapped != 0 {
			t.Errorf("%s: %d won deals have no identity_map row", channel, unmapped)
		}
		if c != k {
			t.Errorf("%s: %d resolved customers closed, but closed_customers counts %d CRM contacts", channel, c, k)
		}
		customers += c
		contacts += k
	}
	if contacts == 0 {
		t.Fatal("no won deals on the demo")
	}
	t.Logf("all channels: %d resolved customers, %d CRM contacts", customers, contacts)
}
