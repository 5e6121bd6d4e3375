package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/metricsd/metricsd/internal/testpg"
)

const identityDefinitions = `version: 1
sources:
  - name: leads
    location: {table: leads}
  - name: crm_contacts
    location: {table: contacts}
  - name: invoices
    location: {table: invoices}
identities:
  - name: customer
    identifiers:
      - {name: crm_contact_id, kind: external_id, max_per_customer: 1}
      - {name: email, kind: email, blocklist: ["info@*"]}
      - {name: phone, kind: phone, default_country: US}
    carriers:
      - {source: leads, key: id, first_seen: created_at, columns: {email: email, phone: phone}}
      - {source: crm_contacts, key: id, first_seen: created_at, columns: {crm_contact_id: id, email: email, phone: phone}}
      - {source: invoices, key: id, first_seen: issued_at, default_country: IT, columns: {phone: payer_phone}}
`

var identityTables = []string{
	`CREATE TABLE leads (id INTEGER, created_at TIMESTAMP, email TEXT, phone TEXT)`,
	`INSERT INTO leads VALUES
		(1, '2026-01-01 10:00:00', ' Ann@Acme.com ', NULL),
		(2, '2026-01-02 10:00:00', 'n/a', NULL),
		(3, '2026-01-03 10:00:00', 'N/A', '000-000-0000'),
		(4, '2026-01-04 10:00:00', 'info@acme.com', NULL),
		(5, '2026-01-05 10:00:00', 'info@acme.com', NULL)`,
	`CREATE TABLE contacts (id TEXT, created_at DATE, email TEXT, phone TEXT)`,
	`INSERT INTO contacts VALUES ('C1', '2026-01-06', 'ann@acme.com', '+39 0352 6553537')`,
	`CREATE TABLE invoices (id TEXT, issued_at TIMESTAMP, payer_phone TEXT)`,
	`INSERT INTO invoices VALUES ('I1', '2026-02-01 00:00:00', '0352 6553537')`,
}

func writeIdentityDefinitions(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "identity.yml"), []byte(identityDefinitions), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func setupIdentityWarehouse(t *testing.T) (dsn, dir string) {
	t.Helper()
	dir = writeIdentityDefinitions(t)
	path := filepath.Join(t.TempDir(), "wh.duckdb")
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range identityTables {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	db.Close()
	return "duckdb:" + path, dir
}

func TestIdentityResolveAndExplain(t *testing.T) {
	var duckID string
	t.Run("duckdb", func(t *testing.T) {
		dsn, dir := setupIdentityWarehouse(t)
		duckID = checkIdentityCommands(t, dsn, dir)
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := testpg.Schema(t)
		db, err := sql.Open("postgres", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, stmt := range identityTables {
			if _, err := db.Exec(stmt); err != nil {
				t.Fatalf("%s: %v", stmt, err)
			}
		}
		if id := checkIdentityCommands(t, dsn, writeIdentityDefinitions(t)); duckID != "" && id != duckID {
			t.Errorf("customer id on PostgreSQL = %s; want %s as on DuckDB", id, duckID)
		}
	})
}

// checkIdentityCommands runs resolve, explain and resolve again on a
// warehouse holding identityTables and returns the chain's customer id.
func checkIdentityCommands(t *testing.T, dsn, dir string) string {

	code, out, errOut := runCLI("identity", "resolve", "--dsn", dsn, "--definitions", dir)
	if code != exitOK {
		t.Fatalf("resolve exit %d, stderr:\n%s", code, errOut)
	}
	t.Logf("identity resolve:\n%s", out)
	for _, want := range []string{
		"identity run 1: committed",
		"records      7",
		"customers    5",
		"links        email 1, phone 1",
		"changes      new 5, merged 0, split 0, moved 0, retired 0, removed 0",
		"blocked      3 values",
		`"n/a"                                 2 records  blocklist`,
		`"info@acme.com"                       2 records  blocklist`,
		`"000-000-0000"                        1 records  blocklist`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("resolve output lacks %q:\n%s", want, out)
		}
	}

	code, out, errOut = runCLI("identity", "explain", "--dsn", dsn, "invoices:I1")
	if code != exitOK {
		t.Fatalf("explain exit %d, stderr:\n%s", code, errOut)
	}
	t.Logf("identity explain:\n%s", out)
	for _, want := range []string{
		"customer   cus_",
		"(3 records)",
		"anchor     leads:1",
		"  leads:1 -> crm_contacts:C1  email ann@acme.com",
		"  crm_contacts:C1 -> invoices:I1  phone +3903526553537",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain output lacks %q:\n%s", want, out)
		}
	}

	customer := out[strings.Index(out, "cus_"):][:20]
	code, out, errOut = runCLI("identity", "explain", "--dsn", dsn, "--limit", "2", customer)
	want := "customer   " + customer + " (active, issued in run 1, 3 records)\nanchor     leads:1\nrecords\n  crm_contacts:C1\n  invoices:I1\n  ... 1 more\n"
	if code != exitOK || out != want {
		t.Errorf("explain %s: exit %d\n%s%s\nwant:\n%s", customer, code, out, errOut, want)
	}

	code, _, errOut = runCLI("identity", "explain", "--dsn", dsn, "leads:404")
	if code != exitFail || !strings.Contains(errOut, "leads:404: record not found in identity_map") {
		t.Errorf("explain of an unknown record: exit %d, stderr %q", code, errOut)
	}

	code, out, _ = runCLI("identity", "resolve", "--dsn", dsn, "--definitions", dir)
	if code != exitOK || !strings.Contains(out, "identity run 2: committed") || !strings.Contains(out, "churn        0 of 7 earlier records") {
		t.Errorf("second resolve exit %d:\n%s", code, out)
	}
	return customer
}

func TestIdentityCommandErrors(t *testing.T) {
	dsn, dir := setupIdentityWarehouse(t)
	bad := filepath.Join(t.TempDir(), "bad.yml")
	os.WriteFile(bad, []byte(strings.Replace(identityDefinitions, "{phone: payer_phone}", "{phon: payer_phone}", 1)), 0o644)

	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"identity"}, exitUsage, "Usage: metricsd identity resolve"},
		{[]string{"identity", "merge"}, exitUsage, `unknown subcommand "merge"`},
		{[]string{"identity", "resolve", "--definitions", dir}, exitUsage, "--dsn is required"},
		{[]string{"identity", "resolve", "--dsn", "mysql://x", "--definitions", dir}, exitUsage, `unsupported DSN "mysql://x"`},
		{[]string{"identity", "resolve", "--dsn", dsn, "--definitions", filepath.Dir(bad)}, exitFail, `UNKNOWN_IDENTIFIER identity carrier for source "invoices" maps identifier "phon"`},
		{[]string{"identity", "explain", "--dsn", dsn, "leads"}, exitUsage, "Usage: metricsd identity explain"},
		{[]string{"identity", "explain", "--dsn", dsn, "cus_x"}, exitFail, "no identity run is stored in this warehouse"},
		{[]string{"identity", "explain", "--dsn", dsn, "leads:1"}, exitFail, "no identity run is stored in this warehouse: run identity resolve first"},
	}
	for _, c := range cases {
		code, _, errOut := runCLI(c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", c.args, code, errOut, c.code, c.want)
		}
	}
}

func TestIdentityChurnRejectsUnlessForced(t *testing.T) {
	dsn, dir := setupIdentityWarehouse(t)
	if code, _, errOut := runCLI("identity", "resolve", "--dsn", dsn, "--definitions", dir); code != exitOK {
		t.Fatalf("first resolve exit %d: %s", code, errOut)
	}
	db, err := sql.Open("duckdb", strings.TrimPrefix(dsn, "duckdb:"))
	if err != nil {
		t.Fatal(err)
	}
	// The lead that anchored the chain changes its email, so the CRM
	// contact and the invoice split off.
	if _, err := db.Exec(`UPDATE leads SET email = 'zed@acme.com' WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	args := []string{"identity", "resolve", "--dsn", dsn, "--definitions", dir, "--min-churn-records", "1"}
	code, out, errOut := runCLI(args...)
	if code != exitFail || !strings.Contains(out, "identity run 2: rejected") ||
		!strings.Contains(errOut, "2 of 7 earlier records (28.6%) would change customer, more than the 5.0% allowed") {
		t.Errorf("resolve with churn: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	code, out, errOut = runCLI(append(args, "--force")...)
	if code != exitOK || !strings.Contains(out, "identity run 3: committed") || !strings.Contains(out, "split 1") {
		t.Errorf("forced resolve: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}
