package identity

import (
	"fmt"
	"strings"
	"testing"

	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
)

const definitionsYAML = `version: 1
sources:
  - {name: leads, location: {table: crm.leads}}
  - {name: files_only, location: {files: "*.csv"}}
identities:
  - name: customer
    identifiers:
      - {name: crm_contact_id, kind: external_id, max_per_customer: 1}
      - {name: email, kind: email, blocklist: ["info@*"]}
      - {name: phone, kind: phone, default_country: us}
    carriers:
      - {source: leads, key: id, first_seen: created_at, default_country: IT, columns: {phone: tel, email: mail, crm_contact_id: contact}}
`

func loadIdentity(t *testing.T, yaml string) (*model.Set, *model.Identity) {
	t.Helper()
	set, diags := load.Files([]model.File{{Path: "identity.yml", Data: []byte(yaml)}})
	if diags.HasErrors() {
		t.Fatalf("load: %v", diags)
	}
	return set, set.Identities[0]
}

func TestFromModel(t *testing.T) {
	set, id := loadIdentity(t, definitionsYAML)
	cfg, carriers, diags := FromModel(set, id)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if got := fmt.Sprint(cfg.Types); got != "[{crm_contact_id external_id  [] 1} {email email  [info@*] 0} {phone phone US [] 0}]" {
		t.Errorf("types = %s", got)
	}
	if len(carriers) != 1 {
		t.Fatalf("carriers = %+v; want 1", carriers)
	}
	c := carriers[0]
	if c.Table != "crm.leads" || c.Country != "IT" || fmt.Sprint(c.Columns) != "[{crm_contact_id contact} {email mail} {phone tel}]" {
		t.Errorf("carrier = %+v; want table crm.leads, country IT, columns in identifier order", c)
	}
	want := `SELECT CAST("id" AS VARCHAR), "created_at", CAST("contact" AS VARCHAR), CAST("mail" AS VARCHAR), CAST("tel" AS VARCHAR) FROM "crm"."leads"`
	if got := CarrierSQL(c); got != want {
		t.Errorf("CarrierSQL =\n%s\nwant\n%s", got, want)
	}
}

func TestFromModelDiagnostics(t *testing.T) {
	cases := []struct {
		from, to string
		want     string
	}{
		{"source: leads, key", "source: lead, key", `UNKNOWN_SOURCE identity carrier names source "lead", which is not defined [leads]`},
		{"source: leads, key", "source: files_only, key", `MISSING_FIELD source "files_only" has no location.table`},
		{"phone: tel,", "phon: tel,", `UNKNOWN_IDENTIFIER identity carrier for source "leads" maps identifier "phon", which the identity does not declare [phone]`},
		{"kind: email,", "kind: mail,", `INVALID_VALUE identifier "email" has kind "mail" [email]`},
		{"default_country: IT", "default_country: XX", `INVALID_COUNTRY default country "XX"`},
		{"first_seen: created_at", `first_seen: "created at; DROP TABLE x"`, `INVALID_COLUMN_NAME first_seen name "created at; DROP TABLE x" is not a plain SQL identifier`},
		{"key: id,", "key: '',", `MISSING_FIELD identity carrier for source "leads" has no key column`},
	}
	for _, c := range cases {
		set, id := loadIdentity(t, strings.Replace(definitionsYAML, c.from, c.to, 1))
		_, _, diags := FromModel(set, id)
		var got []string
		for _, d := range diags {
			got = append(got, fmt.Sprintf("%s %s %v", d.Code, d.Summary, d.Suggestions))
		}
		if len(got) != 1 || !strings.HasPrefix(got[0], c.want) {
			t.Errorf("%s → %s: diagnostics %q; want one starting %q", c.from, c.to, got, c.want)
		}
		if len(diags) == 1 && diags[0].Pos.Line == 0 {
			t.Errorf("%s → %s: diagnostic without a position", c.from, c.to)
		}
	}
}
