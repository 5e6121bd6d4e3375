package guard

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/metricsd/metricsd/catalog"
	"github.com/metricsd/metricsd/ingest"
)

func TestStatusCacheReusesThenRecomputes(t *testing.T) {
	_, set := buildModel(t)
	dir := t.TempDir()
	write := func(content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "leads.csv"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	crm := set.Sources[1]
	load := func() {
		t.Helper()
		if _, err := ingest.Load(t.Context(), db, "duckdb", crm, ingest.Options{BaseDir: dir}); err != nil {
			t.Fatal(err)
		}
	}
	write("id,created_at\n1,2025-01-02 12:00:00\n")
	load()

	cache := NewStatusCache(db, "duckdb", time.Minute)
	get := func(at time.Time) catalog.Status {
		t.Helper()
		statuses, err := cache.Statuses(t.Context(), set.Sources, at)
		if err != nil {
			t.Fatal(err)
		}
		return statuses[1]
	}
	if st := get(now); st.State != catalog.StateWarn || *st.Age != 12*time.Hour {
		t.Fatalf("crm = %s age %v, want warn 12h", st.State, *st.Age)
	}

	// New data within the ttl is not seen, but the age moves with now.
	write("id,created_at\n1,2025-01-02 23:00:00\n")
	load()
	if st := get(now.Add(30 * time.Second)); st.State != catalog.StateWarn || *st.Age != 12*time.Hour+30*time.Second {
		t.Errorf("cached crm = %s age %v, want warn 12h0m30s", st.State, *st.Age)
	}
	if st := get(now.Add(time.Minute)); st.State != catalog.StateOK || *st.Age != time.Hour+time.Minute {
		t.Errorf("crm after the ttl = %s age %v, want ok 1h1m", st.State, *st.Age)
	}

	write("id,created_at\n1,2025-01-03 00:30:00\n")
	load()
	cache.Invalidate()
	if st := get(now.Add(time.Minute)); *st.Age != -29*time.Minute {
		t.Errorf("crm after Invalidate age %v, want -29m", *st.Age)
	}
}
