package reference

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/metricsd/metricsd/demo/withidentity"
	"github.com/metricsd/metricsd/warehouse"
)

// handClosedByIdentity counts, per channel, the resolved customers
// (identity_map) and the CRM contacts behind won deals, and the won deals
// that have no identity_map row.
const handClosedByIdentity = `SELECT l.channel,
		COUNT(DISTINCT m.customer_id) AS customers,
		COUNT(DISTINCT d.customer_id) AS contacts,
		COUNT(*) FILTER (WHERE m.customer_id IS NULL) AS unmapped
	FROM deals d JOIN leads l ON l.lead_id = d.lead_id
	` + dealCustomer + `
	WHERE d.status = 'won'
	GROUP BY l.channel ORDER BY l.channel`

// TestEveryWonDealHasACustomer checks that the demo load resolved every
// won deal into identity_map, so closed_customers leaves no deal out, and
// logs resolved customers next to CRM contacts per channel.
func TestEveryWonDealHasACustomer(t *testing.T) {
	w := demoWarehouse(t, "duckdb:")
	res, err := w.Query(context.Background(), handClosedByIdentity, nil)
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
		customers += c
		contacts += k
	}
	// On the seed-1 demo no person won deals under two CRM contacts in
	// one channel, so the two counts agree.
	if customers != 2405 || contacts != 2405 {
		t.Errorf("closed customers: %d resolved, %d CRM contacts; want 2405 and 2405", customers, contacts)
	}
}

// TestTwoContactsOneClosedCustomer adds one person who filled in the form
// twice, with the email typed differently, and whom the CRM gave two
// contacts that both won a deal. After resolution closed_customers counts
// that person once, while the CRM contacts count twice.
func TestTwoContactsOneClosedCustomer(t *testing.T) {
	ctx := context.Background()
	m := buildReference(t)
	w := demoWarehouse(t, "duckdb:")
	closed := func() string { return fmt.Sprint(served(t, m, w, "closed_customers", "channel__name")["google"]) }
	contacts := func() string { return fmt.Sprint(hand(t, w, handContactsClosed)["google"]) }
	closedBefore, contactsBefore := closed(), contacts()

	addTwinContacts(t, w)
	report, err := withidentity.Resolve(ctx, w)
	if err != nil {
		t.Fatalf("resolve again: %v", err)
	}
	if c := report.Assignment.Changes; c.New != 1 || c.Merged != 0 {
		t.Errorf("second run: %d new customers, %d merged; want 1 new (both contacts in one customer), 0 merged", c.New, c.Merged)
	}
	if got, want := closed(), plus(t, closedBefore, 1); got != want {
		t.Errorf("google closed_customers = %s after adding one person with two contacts, want %s (was %s)", got, want, closedBefore)
	}
	if got, want := contacts(), plus(t, contactsBefore, 2); got != want {
		t.Errorf("google CRM contacts with a won deal = %s, want %s (was %s)", got, want, contactsBefore)
	}
}

// handContactsClosed counts CRM contacts with a won deal per channel: the
// figure closed_customers would give without identity resolution.
const handContactsClosed = `SELECT l.channel, COUNT(DISTINCT d.customer_id) FROM deals d
	JOIN leads l ON l.lead_id = d.lead_id WHERE d.status = 'won' GROUP BY l.channel`

// addTwinContacts inserts two google leads of one person under two CRM
// contacts, the email once in capitals with spaces, and a won deal for
// each contact.
func addTwinContacts(t *testing.T, w *warehouse.Warehouse) {
	t.Helper()
	ctx := context.Background()
	res, err := w.Query(ctx, `SELECT MAX(l.lead_id), MAX(d.deal_id), MAX(l.created_at)
		FROM leads l, deals d`, nil)
	if err != nil {
		t.Fatalf("read the last ids: %v", err)
	}
	lead, deal := res.Rows[0][0].(int64), res.Rows[0][1].(int64)
	at := res.Rows[0][2].(time.Time).Add(-48 * time.Hour)
	for i, email := range []string{"twin.buyer@example.org", " Twin.Buyer@EXAMPLE.org "} {
		contact := fmt.Sprintf("twin-contact-%d", i+1)
		if _, err := w.DB().ExecContext(ctx, `INSERT INTO leads
			(lead_id, created_at, email, phone, utm_source, utm_medium, utm_campaign, channel, score, customer_id)
			VALUES ($1, $2, $3, NULL, 'google', 'cpc', 'brand', 'google', 80, $4)`,
			lead+int64(i)+1, at, email, contact); err != nil {
			t.Fatalf("insert lead of %s: %v", contact, err)
		}
		if _, err := w.DB().ExecContext(ctx, `INSERT INTO deals
			(deal_id, lead_id, customer_id, created_at, closed_at, status, amount)
			VALUES ($1, $2, $3, $4, $5, 'won', 1200)`,
			deal+int64(i)+1, lead+int64(i)+1, contact, at.Add(time.Hour), at.Add(24*time.Hour)); err != nil {
			t.Fatalf("insert deal of %s: %v", contact, err)
		}
	}
}

// plus adds n to an integer figure printed as text.
func plus(t *testing.T, figure string, n int64) string {
	t.Helper()
	var v int64
	if _, err := fmt.Sscan(figure, &v); err != nil {
		t.Fatalf("figure %q is not an integer", figure)
	}
	return fmt.Sprint(v + n)
}
