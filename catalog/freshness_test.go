package catalog

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
	_ "github.com/lib/pq"

	"github.com/metricsd/metricsd/ingest"
	"github.com/metricsd/metricsd/internal/testpg"
	"github.com/metricsd/metricsd/semantic/model"
)

func forEachEngine(t *testing.T, fn func(t *testing.T, db *sql.DB, dialect string)) {
	t.Run("duckdb", func(t *testing.T) {
		db, err := sql.Open("duckdb", "")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		fn(t, db, "duckdb")
	})
	t.Run("postgres", func(t *testing.T) {
		db, err := sql.Open("postgres", testpg.Schema(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		fn(t, db, "postgres")
	})
}

// fileSource declares a two-column CSV source whose freshness field is at.
func fileSource(name, typ, warn, errAfter string) *model.Source {
	return &model.Source{
		Name: name, System: "test", Owner: "data", Refresh: "1h", Trust: "authoritative",
		Location: model.Location{Table: name, Files: name + ".csv", Columns: []model.Column{
			{Name: "id", Type: "integer"},
			{Name: "at", Type: typ},
		}},
		Freshness: &model.Freshness{Field: "at", WarnAfter: warn, ErrorAfter: errAfter},
	}
}

func TestFreshnessStates(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sql.DB, dialect string) {
		dir := t.TempDir()
		files := map[string]string{
			"fresh.csv": "id,at\n1,2025-01-01 20:00:00\n2,2025-01-01 23:30:00\n",
			"stale.csv": "id,at\n1,2025-01-01 09:00:00\n2,2025-01-01 10:00:00\n",
			"old.csv":   "id,at\n1,2024-12-01\n",
			"empty.csv": "id,at\n1,\n",
		}
		for name, content := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		sources := []*model.Source{
			fileSource("fresh", "timestamp", "12h", "24h"),
			fileSource("stale", "timestamp", "12h", "24h"),
			fileSource("old", "date", "1d", "7d"),
			fileSource("empty", "timestamp", "1h", ""),
			fileSource("never_loaded", "timestamp", "1h", "2h"),
			{Name: "no_rule", Location: model.Location{Table: "fresh"}},
		}
		var freshLoad *ingest.Result
		for _, src := range sources[:4] {
			res, err := ingest.Load(t.Context(), db, dialect, src, ingest.Options{BaseDir: dir})
			if err != nil {
				t.Fatal(err)
			}
			if src.Name == "fresh" {
				freshLoad = res
			}
		}
		now := time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
		got, err := Freshness(t.Context(), db, dialect, sources, now)
		if err != nil {
			t.Fatal(err)
		}
		want := []struct {
			state, reason string
			age           time.Duration
		}{
			{StateOK, "", 30 * time.Minute},
			{StateWarn, "newest data is 14h old, more than warn_after 12h", 14 * time.Hour},
			{StateError, "newest data is 32d old, more than error_after 7d", 32 * 24 * time.Hour},
			{StateError, "table empty has no at values", 0},
			{StateError, "table never_loaded does not exist: load the source first", 0},
			{StateUnchecked, "", 0},
		}
		if len(got) != len(want) {
			t.Fatalf("got %d statuses, want %d", len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			if g.State != w.state || g.Reason != w.reason {
				t.Errorf("%s: state %q reason %q, want %q %q", g.Source, g.State, g.Reason, w.state, w.reason)
			}
			if w.age != 0 && (g.Age == nil || *g.Age != w.age) {
				t.Errorf("%s: age %v, want %v", g.Source, g.Age, w.age)
			}
		}
		if l := got[0].LastLoad; len(l) != 1 || l[0].ID != freshLoad.LoadID || l[0].Rows != 2 || l[0].File != "fresh.csv" {
			t.Errorf("fresh last load = %+v, want load %s of fresh.csv with 2 rows", l, freshLoad.LoadID)
		}
		if got[4].LastLoad != nil {
			t.Errorf("never_loaded last load = %+v, want none", got[4].LastLoad)
		}
		if got[0].Newest == nil || !got[0].Newest.Equal(time.Date(2025, 1, 1, 23, 30, 0, 0, time.UTC)) {
			t.Errorf("fresh newest = %v, want 2025-01-01 23:30 UTC", got[0].Newest)
		}
	})
}

func TestFreshnessWithoutLedger(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := Freshness(t.Context(), db, "duckdb", []*model.Source{{Name: "s", Location: model.Location{Table: "s"}}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].State != StateUnchecked || got[0].LastLoad != nil {
		t.Errorf("got %+v, want one unchecked status without loads", got)
	}
}

func TestParseAge(t *testing.T) {
	cases := map[string]time.Duration{
		"36h":   36 * time.Hour,
		"90m":   90 * time.Minute,
		"2d":    48 * time.Hour,
		"1d12h": 36 * time.Hour,
	}
	for in, want := range cases {
		got, err := ParseAge(in)
		if err != nil || got != want {
			t.Errorf("ParseAge(%q) = %v, %v, want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "x", "-1h", "1.5d", "d"} {
		if _, err := ParseAge(bad); err == nil {
			t.Errorf("ParseAge(%q) succeeded, want an error", bad)
		}
	}
}

func TestFreshnessTimestampTZ(t *testing.T) {
	forEachEngine(t, func(t *testing.T, db *sql.DB, dialect string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "events.csv"), []byte("id,at\n1,2025-01-01T23:00:00+01:00\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		src := fileSource("events", "timestamptz", "1h", "3h")
		if _, err := ingest.Load(t.Context(), db, dialect, src, ingest.Options{BaseDir: dir}); err != nil {
			t.Fatal(err)
		}
		got, err := Freshness(t.Context(), db, dialect, []*model.Source{src}, time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		if got[0].Age == nil || *got[0].Age != 2*time.Hour || got[0].State != StateWarn {
			t.Errorf("status = %+v, want warn at 2h (23:00+01:00 is 22:00 UTC)", got[0])
		}
	})
}
