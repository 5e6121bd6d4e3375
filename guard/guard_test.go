package guard

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/metricsd/metricsd/catalog"
	"github.com/metricsd/metricsd/ingest"
	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
)

// now is the evaluation time of every test in this file.
var now = time.Date(2025, 1, 3, 0, 0, 0, 0, time.UTC)

// buildModel loads the test definitions.
func buildModel(t testing.TB) (*semantic.Model, *model.Set) {
	t.Helper()
	set, diags, err := load.Dir("testdata/definitions")
	if err != nil || diags.HasErrors() {
		t.Fatalf("load definitions: %v %v", err, diags)
	}
	m, diags := semantic.Build(set)
	if m == nil {
		t.Fatalf("build definitions: %v", diags)
	}
	return m, set
}

// loadStatuses ingests the given CSV contents into a fresh DuckDB database
// and returns the catalog statuses at now. The billing source is never
// loaded, so its table is missing.
func loadStatuses(t testing.TB, set *model.Set, files map[string]string) []catalog.Status {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, src := range set.Sources {
		if src.Location.Files == "" {
			continue
		}
		if _, err := ingest.Load(t.Context(), db, "duckdb", src, ingest.Options{BaseDir: dir}); err != nil {
			t.Fatalf("load %s: %v", src.Name, err)
		}
	}
	statuses, err := catalog.Freshness(t.Context(), db, "duckdb", set.Sources, now)
	if err != nil {
		t.Fatal(err)
	}
	return statuses
}

// staleSpend has ad spend 40h old and leads 2h old.
var staleSpend = map[string]string{
	"ad_spend.csv": "id,spent_at,amount\n1,2024-12-31 10:00:00,12.50\n2,2025-01-01 08:00:00,7.25\n",
	"leads.csv":    "id,created_at\n1,2025-01-02 20:00:00\n2,2025-01-02 22:00:00\n",
}

// freshSpend has ad spend 12h old and leads 12h old (past leads' 6h
// warn_after).
var freshSpend = map[string]string{
	"ad_spend.csv": "id,spent_at,amount\n1,2025-01-02 12:00:00,3.00\n",
	"leads.csv":    "id,created_at\n1,2025-01-02 12:00:00\n",
}

func TestStaleSourceRejectsMetric(t *testing.T) {
	m, set := buildModel(t)
	statuses := loadStatuses(t, set, staleSpend)

	got := Check(t.Context(), m, []string{"spend"}, statuses, now)
	if len(got) != 1 {
		t.Fatalf("findings = %+v, want one", got)
	}
	f := got[0]
	if f.Metric != "spend" || f.Owner != "spend" {
		t.Errorf("finding metric %q owner %q, want spend spend", f.Metric, f.Owner)
	}
	if f.Severity != diag.Error || f.Code != diag.GuardFailed {
		t.Errorf("finding severity %v code %s, want error GUARD_FAILED", f.Severity, f.Code)
	}
	if f.Message != "ad spend is more than 36 hours old" || f.Detail != "" {
		t.Errorf("finding message %q detail %q", f.Message, f.Detail)
	}
	if f.Pos.File != "defs.yml" || f.Pos.Line != 68 || f.Pos.Col != 15 {
		t.Errorf("finding position %s, want defs.yml:68:15", f.Pos)
	}
	if !got.Rejects("spend") {
		t.Error("Rejects(spend) = false, want true")
	}
}

func TestStaleInputRejectsDerivedMetric(t *testing.T) {
	m, set := buildModel(t)
	statuses := loadStatuses(t, set, staleSpend)

	got := Check(t.Context(), m, []string{"leads", "cost_per_lead@1"}, statuses, now)
	if len(got) != 1 {
		t.Fatalf("findings = %+v, want one (spend's guard through cost_per_lead)", got)
	}
	if got[0].Metric != "cost_per_lead@1" || got[0].Owner != "spend" || got[0].Code != diag.GuardFailed {
		t.Errorf("finding = %+v, want spend's guard rejecting cost_per_lead@1", got[0])
	}
	if r := strings.Join(got.Rejected(), ","); r != "cost_per_lead@1" {
		t.Errorf("rejected = %s, want cost_per_lead@1", r)
	}
	if got.Rejects("leads") {
		t.Error("Rejects(leads) = true, want false")
	}
}

func TestFreshSourcePasses(t *testing.T) {
	m, set := buildModel(t)
	statuses := loadStatuses(t, set, freshSpend)

	if got := Check(t.Context(), m, []string{"spend"}, statuses, now); len(got) != 0 {
		t.Errorf("findings = %+v, want none for spend 12h old", got)
	}
}

func TestWarningGuardFlags(t *testing.T) {
	m, set := buildModel(t)
	statuses := loadStatuses(t, set, freshSpend)

	got := Check(t.Context(), m, []string{"spend", "leads"}, statuses, now)
	if len(got) != 1 {
		t.Fatalf("findings = %+v, want one warning for leads", got)
	}
	f := got[0]
	if f.Metric != "leads" || f.Severity != diag.Warning || f.Code != diag.GuardWarning || f.Message != "leads are not fresh" {
		t.Errorf("finding = %+v, want leads GUARD_WARNING", f)
	}
	if got.Rejects("leads") || len(got.Rejected()) != 0 {
		t.Errorf("a warning rejected a metric: %v", got.Rejected())
	}
	d := got.Diagnostics()
	if len(d) != 1 || d[0].Severity != diag.Warning || d[0].Code != diag.GuardWarning || d[0].Summary != "leads: leads are not fresh" {
		t.Errorf("diagnostics = %+v", d)
	}
}

func TestUnevaluableGuardRejects(t *testing.T) {
	m, set := buildModel(t)
	statuses := loadStatuses(t, set, freshSpend)

	// billing has no table, so its age is unknown and the guard on it
	// cannot be evaluated.
	got := Check(t.Context(), m, []string{"collected"}, statuses, now)
	if len(got) != 1 {
		t.Fatalf("findings = %+v, want one", got)
	}
	f := got[0]
	if f.Code != diag.GuardFailed || f.Message != "payments are more than two days old" {
		t.Errorf("finding = %+v, want GUARD_FAILED (a guard without severity is an error guard)", f)
	}
	if !strings.Contains(f.Detail, "could not be evaluated") || !strings.Contains(f.Detail, "age") {
		t.Errorf("detail = %q, want the evaluation error naming age", f.Detail)
	}
}

func TestCheckCompilesOncePerModel(t *testing.T) {
	m, set := buildModel(t)
	statuses := loadStatuses(t, set, staleSpend)

	Check(t.Context(), m, []string{"spend"}, statuses, now)
	mg := cache.forModel(m)
	g := &set.Metrics[0].Guards[0]
	first := mg.get(g)
	Check(t.Context(), m, []string{"spend", "cost_per_lead"}, statuses, now)
	if mg.get(g) != first || cache.forModel(m) != mg {
		t.Error("the guard was compiled again for the same model")
	}
	for i := 0; i < cacheModels+1; i++ {
		other, _ := buildModel(t)
		Check(t.Context(), other, []string{"spend"}, statuses, now)
	}
	if _, ok := cache.guards[m]; ok {
		t.Errorf("the cache kept a model after %d newer ones", cacheModels+1)
	}
	if len(cache.guards) != cacheModels || len(cache.models) != cacheModels {
		t.Errorf("cache holds %d models (%d in order), want %d", len(cache.guards), len(cache.models), cacheModels)
	}
}

func TestFreshnessOfUsedSources(t *testing.T) {
	m, set := buildModel(t)
	statuses := loadStatuses(t, set, staleSpend)

	got := Freshness(m, []string{"cost_per_lead"}, statuses)
	if len(got) != 2 || got[0].Name != "ad_spend" || got[1].Name != "crm" {
		t.Fatalf("freshness = %+v, want ad_spend and crm", got)
	}
	spend := got[0]
	if spend.Status != catalog.StateWarn || spend.Age == nil || *spend.Age != 40*time.Hour {
		t.Errorf("ad_spend status %q age %v, want warn 40h", spend.Status, spend.Age)
	}
	if spend.Newest == nil || !spend.Newest.Equal(time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("ad_spend newest = %v, want 2025-01-01 08:00 UTC", spend.Newest)
	}
	if spend.LastLoad == nil || spend.LoadID == "" || spend.Reason != "newest data is 1d16h old, more than warn_after 1d6h" {
		t.Errorf("ad_spend last load %v id %q reason %q", spend.LastLoad, spend.LoadID, spend.Reason)
	}
	if crm := got[1]; crm.Status != catalog.StateOK || *crm.Age != 2*time.Hour {
		t.Errorf("crm status %q age %v, want ok 2h", crm.Status, crm.Age)
	}

	billing := Freshness(m, []string{"collected"}, statuses)
	if len(billing) != 1 || billing[0].Status != catalog.StateError || billing[0].LastLoad != nil || billing[0].Age != nil {
		t.Errorf("billing freshness = %+v, want error without age or load", billing)
	}
	if unknown := Freshness(m, []string{"spend"}, nil); len(unknown) != 1 || unknown[0].Status != StatusUnknown {
		t.Errorf("freshness without statuses = %+v, want ad_spend unknown", unknown)
	}
}

func TestCheckWithoutStatuses(t *testing.T) {
	m, _ := buildModel(t)

	// Without statuses no source has an age, so the error guard on spend
	// cannot be evaluated and rejects.
	got := Check(t.Context(), m, []string{"spend", "leads"}, nil, now)
	if len(got) != 2 {
		t.Fatalf("findings = %+v, want two", got)
	}
	if got[0].Metric != "spend" || got[0].Code != diag.GuardFailed || !strings.Contains(got[0].Detail, "could not be evaluated") {
		t.Errorf("spend finding = %+v, want GUARD_FAILED that could not be evaluated", got[0])
	}
	if got[1].Metric != "leads" || got[1].Code != diag.GuardWarning || got[1].Detail == "" {
		t.Errorf("leads finding = %+v, want GUARD_WARNING that could not be evaluated", got[1])
	}
}
