package withidentity_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/metricsd/metricsd/demo"
	"github.com/metricsd/metricsd/demo/withidentity"
	"github.com/metricsd/metricsd/identity"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/warehouse"
)

// TestDefinitionsMatchReference keeps Definitions equal to the customer
// identity of definitions/: same identifier types and the same carriers
// over the same tables and columns.
func TestDefinitionsMatchReference(t *testing.T) {
	ref, diags, err := load.Dir(filepath.Join("..", "..", "definitions"))
	if err != nil || diags.HasErrors() {
		t.Fatalf("load definitions: %v %v", err, diags)
	}
	own, diags := load.Files([]model.File{{Path: "identity.yml", Data: []byte(withidentity.Definitions)}})
	if diags.HasErrors() {
		t.Fatalf("load withidentity.Definitions: %v", diags)
	}
	refCfg, refCarriers := fromModel(t, ref)
	ownCfg, ownCarriers := fromModel(t, own)
	if !reflect.DeepEqual(refCfg, ownCfg) {
		t.Errorf("identifier types differ:\ndefinitions/:  %+v\nwithidentity: %+v", refCfg, ownCfg)
	}
	if !reflect.DeepEqual(refCarriers, ownCarriers) {
		t.Errorf("carriers differ:\ndefinitions/:  %+v\nwithidentity: %+v", refCarriers, ownCarriers)
	}
}

func fromModel(t *testing.T, set *model.Set) (*identity.Config, []identity.Carrier) {
	t.Helper()
	if len(set.Identities) != 1 {
		t.Fatalf("%d identities, want 1", len(set.Identities))
	}
	cfg, carriers, diags := identity.FromModel(set, set.Identities[0])
	if diags.HasErrors() {
		t.Fatalf("identity %s: %v", set.Identities[0].Name, diags)
	}
	return cfg, carriers
}

// TestLoadResolvesDeterministically loads seed 1 twice and expects the
// same identity_map, with every lead, deal and invoice mapped.
func TestLoadResolvesDeterministically(t *testing.T) {
	first, customers := mapDigest(t)
	second, _ := mapDigest(t)
	if first != second {
		t.Errorf("two loads of seed 1 give different identity maps: %s vs %s", first, second)
	}
	if customers != 27929 {
		t.Errorf("seed 1 resolves into %d customers, want 27929", customers)
	}
}

// mapDigest loads seed 1 into a fresh DuckDB and returns a digest of
// identity_map and its number of customers.
func mapDigest(t *testing.T) (string, int64) {
	t.Helper()
	ctx := context.Background()
	w, stats, err := withidentity.OpenInMemory(ctx, demo.Config{Seed: 1}, warehouse.Options{})
	if err != nil {
		t.Fatalf("OpenInMemory: %v", err)
	}
	defer w.Close()
	res, err := w.Query(ctx, `SELECT COUNT(*), COUNT(DISTINCT customer_id),
		md5(string_agg(source || ':' || record_key || '=' || customer_id, ',' ORDER BY source, record_key))
		FROM identity_map`, nil)
	if err != nil {
		t.Fatalf("read identity_map: %v", err)
	}
	row := res.Rows[0]
	if want := int64(stats["leads"] + stats["deals"] + stats["invoices"]); row[0] != want {
		t.Errorf("identity_map has %v rows, want one per lead, deal and invoice: %d", row[0], want)
	}
	return row[2].(string), row[1].(int64)
}

// TestLoadGuardsIdentityTables expects Load to reject existing identity
// tables without Replace, and to replace them with it.
func TestLoadGuardsIdentityTables(t *testing.T) {
	ctx := context.Background()
	w, err := warehouse.Open(ctx, "duckdb:", warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := identity.EnsureSchema(ctx, w.DB().DB, w.Dialect()); err != nil {
		t.Fatal(err)
	}
	_, _, err = withidentity.Load(ctx, w, demo.Config{Seed: 2}, demo.LoadOptions{})
	if err == nil || !strings.Contains(err.Error(), "identity_map") {
		t.Fatalf("load over identity tables: err = %v, want one naming identity_map", err)
	}
	if res, _ := w.Query(ctx, `SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'leads'`, nil); res.Rows[0][0] != int64(0) {
		t.Error("the refused load created the leads table")
	}
	for range 2 {
		_, report, err := withidentity.Load(ctx, w, demo.Config{Seed: 2}, demo.LoadOptions{Replace: true})
		if err != nil {
			t.Fatalf("load with Replace: %v", err)
		}
		if report.Run != 1 || report.Assignment.Changes.PriorRecords != 0 {
			t.Errorf("load with Replace: run %d with %d earlier records, want run 1 on empty identity tables",
				report.Run, report.Assignment.Changes.PriorRecords)
		}
	}
}
