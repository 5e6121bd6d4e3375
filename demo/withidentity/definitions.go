package withidentity

import (
	"fmt"

	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
)

// Definitions is the customer identity of the demo business with the
// three sources that carry it. It must match definitions/identity.yml and
// the matching sources of definitions/sources.yml.
const Definitions = `version: 1
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

// definitionSet loads Definitions.
func definitionSet() (*model.Set, error) {
	set, diags := load.Files([]model.File{{Path: "identity.yml", Data: []byte(Definitions)}})
	if diags.HasErrors() {
		return nil, fmt.Errorf("demo identity definitions: %w", diags.Err())
	}
	return set, nil
}
