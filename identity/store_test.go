package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2" // DuckDB driver
	"github.com/metricsd/metricsd/internal/testpg"
)

// forEachEngine runs fn on an in-memory DuckDB and on a fresh PostgreSQL
// schema (skipped when PostgreSQL is unreachable outside CI).
func forEachEngine(t *testing.T, fn func(t *testing.T, db *sql.DB, dialect string)) {
	t.Run(DialectDuckDB, func(t *testing.T) {
		db, err := sql.Open("duckdb", "")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		fn(t, db, DialectDuckDB)
	})
	t.Run(DialectPostgres, func(t *testing.T) {
		db, err := sql.Open("postgres", testpg.Schema(t))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		fn(t, db, DialectPostgres)
	})
}

func runStored(t *testing.T, db *sql.DB, dialect string, opts RunOptions, raws ...RawRecord) (*RunReport, error) {
	t.Helper()
	cfg := testConfig()
	recs, norm, err := Normalize(raws, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return Run(context.Background(), db, dialect, Input{Records: recs, Normalize: norm}, cfg, opts)
}

func mustRun(t *testing.T, db *sql.DB, dialect string, raws ...RawRecord) *RunReport {
	t.Helper()
	r, err := runStored(t, db, dialect, RunOptions{}, raws...)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return r
}

func storedMap(t *testing.T, db *sql.DB) map[string]string {
	t.Helper()
	s, err := LoadState(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for ref, id := range s.Map {
		out[ref.String()] = id
	}
	return out
}

func queryInt(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestStoredChainExplainsBothHops(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sql.DB, dialect string) {
		r := mustRun(t, db, dialect, chainRecords()...)
		if r.Result.Stats.Customers != 1 || r.Assignment.Changes.New != 1 {
			t.Fatalf("customers = %d, changes %+v; want 1 new customer", r.Result.Stats.Customers, r.Assignment.Changes)
		}

		e, err := Explain(context.Background(), db, RecordRef{"invoices", "I1"})
		if err != nil {
			t.Fatal(err)
		}
		if want := deriveID(RecordRef{"leads", "L1"}, 0); e.CustomerID != want {
			t.Errorf("customer = %s; want %s", e.CustomerID, want)
		}
		if e.Members != 3 || e.Anchor != (RecordRef{"leads", "L1"}) {
			t.Errorf("members = %d, anchor %s; want 3 from leads:L1", e.Members, e.Anchor)
		}
		var got []string
		for _, s := range e.Path {
			got = append(got, fmt.Sprintf("%s -%s:%s-> %s", s.From, s.Type, s.Value, s.To))
		}
		want := []string{
			"leads:L1 -email:ann@acme.com-> crm_contacts:C1",
			"crm_contacts:C1 -phone:+18074229031-> invoices:I1",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("path:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}

		_, err = Explain(context.Background(), db, RecordRef{"invoices", "nope"})
		if !errors.Is(err, ErrUnknownRecord) {
			t.Errorf("Explain of an unknown record: %v; want ErrUnknownRecord", err)
		}
	})
}

func TestStoredMergeAliasResolves(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sql.DB, dialect string) {
		lead := raw("leads", "L1", 5, "email", "ann@acme.com")
		payer := raw("invoices", "P1", 1, "phone", "+1 807 422 9031")
		linker := raw("invoices", "I9", 9, "email", "ann@acme.com", "phone", "807-422-9031")
		mustRun(t, db, dialect, lead)
		mustRun(t, db, dialect, lead, payer)
		before := storedMap(t, db)
		older, newer := before["leads:L1"], before["invoices:P1"]

		r := mustRun(t, db, dialect, lead, payer, linker)
		if r.Run != 3 || r.Assignment.Changes.Merged != 1 {
			t.Errorf("run %d changes %+v; want run 3 with 1 merge", r.Run, r.Assignment.Changes)
		}
		after := storedMap(t, db)
		for ref, id := range after {
			if id != older {
				t.Errorf("%s = %s after the merge; want the older id %s", ref, id, older)
			}
		}
		s, err := LoadState(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := s.Lookup(newer); !ok || got != older {
			t.Errorf("stored alias %s resolves to %s, %v; want %s", newer, got, ok, older)
		}
		if s.IDs[newer].Status != StatusMerged || s.IDs[newer].MergedInto != older {
			t.Errorf("registry row of %s = %+v; want merged into %s", newer, s.IDs[newer], older)
		}
		e, err := Explain(context.Background(), db, RecordRef{"invoices", "P1"})
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Aliases) != 1 || e.Aliases[0] != newer {
			t.Errorf("explain aliases = %v; want [%s]", e.Aliases, newer)
		}
		c, err := ExplainCustomer(context.Background(), db, newer, 2)
		if err != nil {
			t.Fatal(err)
		}
		if c.ID != older || c.Count != 3 || fmt.Sprint(c.Members) != "[invoices:I9 invoices:P1]" || c.Anchor != (RecordRef{"leads", "L1"}) {
			t.Errorf("customer of alias %s = %+v; want %s with 3 records, first two listed, anchor leads:L1", newer, c, older)
		}
		if _, err := ExplainCustomer(context.Background(), db, "cus_nope", 10); !errors.Is(err, ErrUnknownCustomer) {
			t.Errorf("ExplainCustomer of an unknown id: %v; want ErrUnknownCustomer", err)
		}
		if n := queryInt(t, db, `SELECT merged FROM identity_runs WHERE run_id = 3`); n != 1 {
			t.Errorf("identity_runs.merged of run 3 = %d; want 1", n)
		}
	})
}

func TestStoredSplitAndRebuild(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sql.DB, dialect string) {
		chain := chainRecords()
		mustRun(t, db, dialect, chain...)
		id := storedMap(t, db)["leads:L1"]

		r := mustRun(t, db, dialect, chain[0], chain[2])
		m := storedMap(t, db)
		if len(m) != 2 || m["leads:L1"] != id || m["invoices:I1"] == id {
			t.Fatalf("map after the split = %v; want L1 on %s and I1 on a new id", m, id)
		}
		if r.Assignment.Changes.Split != 1 || r.Assignment.Changes.Removed != 1 {
			t.Errorf("changes = %+v; want 1 split, 1 removed", r.Assignment.Changes)
		}
		if n := queryInt(t, db, `SELECT count(*) FROM identity_registry WHERE split_from = $1`, id); n != 1 {
			t.Errorf("ids split from %s = %d; want 1", id, n)
		}

		// A rebuild from nothing on the first input gives its ids again.
		for _, table := range []string{"identity_runs", "identity_registry", "identity_aliases", "identity_map"} {
			if _, err := db.Exec("DELETE FROM " + table); err != nil {
				t.Fatal(err)
			}
		}
		mustRun(t, db, dialect, chain...)
		for ref, got := range storedMap(t, db) {
			if got != id {
				t.Errorf("rebuild: %s = %s; want %s", ref, got, id)
			}
		}
	})
}

func TestStoredRunsAreIdempotent(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sql.DB, dialect string) {
		raws := append(chainRecords(), raw("leads", "J1", 1, "email", "n/a"), raw("leads", "J2", 2, "email", "N/A"))
		mustRun(t, db, dialect, raws...)
		first := storedMap(t, db)
		r := mustRun(t, db, dialect, raws...)
		if c := r.Assignment.Changes; c.New+c.Merged+c.Split+c.Moved+c.Churned != 0 || c.PriorRecords != 5 {
			t.Errorf("second run changes = %+v; want none over 5 earlier records", c)
		}
		if fmt.Sprint(storedMap(t, db)) != fmt.Sprint(first) {
			t.Errorf("map changed on the same input")
		}
		if n := queryInt(t, db, `SELECT records FROM identity_blocked WHERE value = 'n/a'`); n != 2 {
			t.Errorf("stored blocked count of n/a = %d; want 2", n)
		}
		if n := queryInt(t, db, `SELECT count(*) FROM identity_links`); n != 2 {
			t.Errorf("stored links = %d; want 2 (this run's only)", n)
		}
	})
}

func TestChurnGuardRejectsUnlessForced(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sql.DB, dialect string) {
		var before, after []RawRecord
		for i := range 20 {
			before = append(before, raw("leads", fmt.Sprint("L", i), i, "email", fmt.Sprintf("p%d@acme.com", i)),
				raw("invoices", fmt.Sprint("I", i), 30+i, "email", fmt.Sprintf("p%d@acme.com", i)))
			after = append(after, before[2*i],
				raw("invoices", fmt.Sprint("I", i), 30+i, "email", fmt.Sprintf("p%d@acme.com", (i+1)%20)))
		}
		mustRun(t, db, dialect, before...)
		first := storedMap(t, db)

		_, err := runStored(t, db, dialect, RunOptions{}, after...)
		var churn *ChurnError
		if !errors.As(err, &churn) || churn.Churned != 20 || churn.PriorRecords != 40 {
			t.Fatalf("Run with 20 of 40 records moving: %v; want a ChurnError for 20 of 40", err)
		}
		if fmt.Sprint(storedMap(t, db)) != fmt.Sprint(first) {
			t.Error("a rejected run changed identity_map")
		}
		if n := queryInt(t, db, `SELECT count(*) FROM identity_runs WHERE status = 'rejected' AND churned = 20`); n != 1 {
			t.Errorf("rejected runs recorded = %d; want 1", n)
		}

		r, err := runStored(t, db, dialect, RunOptions{Force: true}, after...)
		if err != nil {
			t.Fatalf("forced Run: %v", err)
		}
		if r.Run != 3 || r.Assignment.Changes.Moved != 20 {
			t.Errorf("forced run %d changes %+v; want run 3 with 20 moved", r.Run, r.Assignment.Changes)
		}
		if storedMap(t, db)["invoices:I0"] != first["leads:L1"] {
			t.Error("invoice I0 did not move to L1's customer")
		}
	})
}

func TestStoredOverridesApply(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sql.DB, dialect string) {
		ctx := context.Background()
		if err := EnsureSchema(ctx, db, dialect); err != nil {
			t.Fatal(err)
		}
		_, err := db.Exec(`INSERT INTO identity_overrides (rule, a_source, a_key, b_source, b_key, note)
			VALUES ('cannot_link', 'crm_contacts', 'C1', 'invoices', 'I1', 'shared office phone'),
			       ('must_link', 'leads', 'X', 'leads', 'Y', 'same person, confirmed by sales')`)
		if err != nil {
			t.Fatal(err)
		}
		raws := append(chainRecords(), raw("leads", "X", 7, "email", "x@acme.com"), raw("leads", "Y", 8, "email", "y@acme.com"))
		r := mustRun(t, db, dialect, raws...)
		m := storedMap(t, db)
		if m["invoices:I1"] == m["crm_contacts:C1"] {
			t.Error("cannot-link from identity_overrides not applied")
		}
		if m["leads:X"] != m["leads:Y"] {
			t.Error("must-link from identity_overrides not applied")
		}
		if r.Result.Stats.Customers != 3 || len(r.Result.Conflicts) != 1 {
			t.Errorf("customers = %d, conflicts %+v; want 3 customers and the rejected phone link", r.Result.Stats.Customers, r.Result.Conflicts)
		}
		if n := queryInt(t, db, `SELECT count(*) FROM identity_conflicts WHERE rule = 'cannot_link'`); n != 1 {
			t.Errorf("stored cannot_link conflicts = %d; want 1", n)
		}
		e, err := Explain(ctx, db, RecordRef{"leads", "Y"})
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Path) != 1 || e.Path[0].Rule != RuleMustLink || e.Path[0].Value != "same person, confirmed by sales" {
			t.Errorf("path = %+v; want one must-link with its note", e.Path)
		}
	})
}

func TestStoredBulkChunksAndSeparators(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sql.DB, dialect string) {
		n := bulkRowsPerStatement + 10
		recs := make([]Record, n)
		for i := range recs {
			recs[i] = Record{Source: "leads", Key: fmt.Sprint(i), FirstSeen: day0}
		}
		recs[7].Key = "odd\x1fkey" // holds the separator DuckDB chunks are joined with
		recs[8].Key = ""           // an empty key is a key like any other
		recs[8].Identifiers = []Identifier{{"email", "x@acme.com"}}
		recs[9].Identifiers = []Identifier{{"email", "x@acme.com"}}
		if _, err := Run(context.Background(), db, dialect, Input{Records: recs}, testConfig(), RunOptions{}); err != nil {
			t.Fatal(err)
		}
		if got := queryInt(t, db, `SELECT count(*) FROM identity_map`); got != n {
			t.Errorf("identity_map rows = %d; want %d", got, n)
		}
		if got := queryInt(t, db, `SELECT count(*) FROM identity_map WHERE record_key = $1`, "odd\x1fkey"); got != 1 {
			t.Errorf("rows with the separator key = %d; want 1", got)
		}
		if got := queryInt(t, db, `SELECT count(DISTINCT customer_id) FROM identity_map WHERE record_key IN ('', '9')`); got != 1 {
			t.Errorf("customers of the empty key and key 9 = %d; want 1", got)
		}
	})
}

func TestStoredAliasesRepoint(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sql.DB, dialect string) {
		a := raw("leads", "A", 1, "email", "a@acme.com")
		b := raw("leads", "B", 2, "email", "b@acme.com")
		c := raw("leads", "C", 3, "email", "c@acme.com")
		ab := raw("invoices", "AB", 4, "email", "a@acme.com", "email", "b@acme.com")
		bc := raw("invoices", "BC", 5, "email", "b@acme.com", "email", "c@acme.com")
		mustRun(t, db, dialect, c)
		mustRun(t, db, dialect, b, c)
		mustRun(t, db, dialect, a, b, c)
		ids := storedMap(t, db)
		mustRun(t, db, dialect, a, b, c, ab)
		mustRun(t, db, dialect, a, b, c, ab, bc)

		for _, ref := range []string{"leads:A", "leads:B"} {
			n := queryInt(t, db, `SELECT count(*) FROM identity_aliases WHERE alias_id = $1 AND customer_id = $2`, ids[ref], ids["leads:C"])
			if n != 1 {
				t.Errorf("alias rows %s (%s) → %s = %d; want 1", ids[ref], ref, ids["leads:C"], n)
			}
		}
		if n := queryInt(t, db, `SELECT count(DISTINCT customer_id) FROM identity_map`); n != 1 {
			t.Errorf("customers in identity_map = %d; want 1", n)
		}
	})
}

// An identity_map row naming an id that identity_registry lacks (a hand
// edit) keeps its id and gets a registry row.
func TestStoredUnregisteredIDIsKept(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sql.DB, dialect string) {
		chain := chainRecords()
		mustRun(t, db, dialect, chain...)
		if _, err := db.Exec(`UPDATE identity_map SET customer_id = 'cus_handmade'`); err != nil {
			t.Fatal(err)
		}
		mustRun(t, db, dialect, chain...)
		for ref, id := range storedMap(t, db) {
			if id != "cus_handmade" {
				t.Errorf("%s = %s; want the hand-set id cus_handmade", ref, id)
			}
		}
		if n := queryInt(t, db, `SELECT count(*) FROM identity_registry WHERE customer_id = 'cus_handmade' AND status = 'active'`); n != 1 {
			t.Errorf("registry rows for cus_handmade = %d; want 1", n)
		}
		if _, err := Explain(context.Background(), db, RecordRef{"invoices", "I1"}); err != nil {
			t.Errorf("Explain after the hand edit: %v", err)
		}
	})
}
