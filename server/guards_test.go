package server_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/metricsd/metricsd/ingest"
	"github.com/metricsd/metricsd/internal/testpg"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
)

// lastLead is the newest created_at in the seeded leads table.
var lastLead = time.Date(2025, 6, 30, 22, 30, 0, 0, time.UTC)

// Clocks of the guard tests: at lateNow the leads are 12h old (past the
// crm_leads warn_after of 6h); at staleNow they are 48h old, past the 24h
// error guard on fresh_leads.
var (
	lateNow  = lastLead.Add(12 * time.Hour)
	staleNow = lastLead.Add(48 * time.Hour)
)

// guardsDir holds metrics with guards and a file source, added to the
// test definitions.
var guardsDir = filepath.Join("testdata", "guards")

// enginesWith runs f once per warehouse engine, like engines, on a server
// built with opts.
func enginesWith(t *testing.T, opts envOptions, f func(t *testing.T, e *env)) {
	t.Run("duckdb", func(t *testing.T) { f(t, newEnvWith(t, "duckdb:", opts)) })
	t.Run("postgres", func(t *testing.T) { f(t, newEnvWith(t, testpg.Schema(t), opts)) })
}

const guardQueryOp = `query($in: QueryInput!) {
  query(input: $in) {
    rows
    warnings { code summary position { file line column } }
    sources { name freshness { status newest ageSeconds reason lastLoad { id } } }
  }
}`

type sourceUse struct {
	Name      string
	Freshness struct {
		Status     string
		Newest     *string
		AgeSeconds *int
		Reason     *string
		LastLoad   *struct{ ID string }
	}
}

type guardQueryData struct {
	Query struct {
		Rows     [][]any
		Warnings []struct {
			Code, Summary string
			Position      *struct {
				File         string
				Line, Column int
			}
		}
		Sources []sourceUse
	}
}

// juneLeads queries metric by month over June 2025, which holds two leads.
func juneLeads(metric string) map[string]any {
	return map[string]any{"in": map[string]any{
		"metrics":   []string{metric},
		"groupBy":   []string{"metric_time__month"},
		"timeRange": map[string]string{"start": "2025-06-01", "end": "2025-06-30"},
	}}
}

// wantPosition checks a position object decoded from JSON.
func wantPosition(t *testing.T, what string, pos any, line int) {
	t.Helper()
	p, _ := pos.(map[string]any)
	if p["file"] != "guards.yml" || p["line"] != float64(line) || p["column"] != float64(15) {
		t.Errorf("%s position = %v, want guards.yml:%d:15", what, pos, line)
	}
}

func TestGuardRejectsStaleSource(t *testing.T) {
	enginesWith(t, envOptions{extraDefs: guardsDir, now: staleNow}, func(t *testing.T, e *env) {
		r := e.graphql(t, guardQueryOp, juneLeads("fresh_leads"), nil)
		if len(r.Errors) != 1 {
			t.Fatalf("errors = %+v, want one GUARD_FAILED", r.Errors)
		}
		got := r.Errors[0]
		if got.Extensions["code"] != "GUARD_FAILED" {
			t.Errorf("code = %v, want GUARD_FAILED", got.Extensions["code"])
		}
		wantPosition(t, "GUARD_FAILED", got.Extensions["position"], 26)
		if want := "metric fresh_leads is rejected by its guard at guards.yml:26:15: leads are more than a day old"; got.Message != want {
			t.Errorf("message = %q, want %q", got.Message, want)
		}
		if string(r.Data) != "null" {
			t.Errorf("data = %s, want null", r.Data)
		}

		// A ratio that divides by fresh_leads is rejected by its guard.
		r = e.graphql(t, guardQueryOp, juneLeads("fresh_qualified_rate"), nil)
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "GUARD_FAILED" {
			t.Fatalf("errors = %+v, want one GUARD_FAILED", r.Errors)
		}
		if !strings.Contains(r.Errors[0].Message, "metric fresh_qualified_rate is rejected by the guard of fresh_leads, which it reads") {
			t.Errorf("message = %q, want it to name fresh_qualified_rate and fresh_leads", r.Errors[0].Message)
		}

		status, _, body := e.get(t, "/api/v1/query.json?metrics=fresh_leads&group_by=metric_time__month")
		if status != http.StatusConflict {
			t.Errorf("GET /api/v1/query.json status = %d, want 409", status)
		}
		var jerr struct {
			Error struct {
				Code     string
				Message  string
				Position any
			}
		}
		if err := json.Unmarshal(body, &jerr); err != nil {
			t.Fatalf("decode %s: %v", body, err)
		}
		if jerr.Error.Code != "GUARD_FAILED" {
			t.Errorf("JSON error code = %q, want GUARD_FAILED", jerr.Error.Code)
		}
		wantPosition(t, "JSON error", jerr.Error.Position, 26)

		// The same metric without an error guard is served.
		var data guardQueryData
		if r := e.graphql(t, guardQueryOp, juneLeads("leads"), &data); len(r.Errors) > 0 {
			t.Fatalf("leads: errors %+v", r.Errors)
		}
		if got := table(data.Query.Rows); got != "2025-06 2" {
			t.Errorf("leads in June = %q, want 2025-06 2", got)
		}
	})
}

func TestGuardWarningServes(t *testing.T) {
	enginesWith(t, envOptions{extraDefs: guardsDir, now: lateNow}, func(t *testing.T, e *env) {
		var data guardQueryData
		r := e.graphql(t, guardQueryOp, juneLeads("watched_leads"), &data)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		if got := table(data.Query.Rows); got != "2025-06 2" {
			t.Errorf("rows = %q, want 2025-06 2", got)
		}
		warnings, _ := r.Extensions["warnings"].([]any)
		if len(warnings) != 1 {
			t.Fatalf("extensions.warnings = %v, want one", r.Extensions["warnings"])
		}
		w, _ := warnings[0].(map[string]any)
		if w["code"] != "GUARD_WARNING" || w["summary"] != "watched_leads: the CRM data is late" {
			t.Errorf("warning = %v, want GUARD_WARNING watched_leads: the CRM data is late", w)
		}
		wantPosition(t, "GUARD_WARNING", w["position"], 43)
		if len(data.Query.Warnings) != 1 || data.Query.Warnings[0].Code != "GUARD_WARNING" {
			t.Errorf("result warnings = %+v, want the GUARD_WARNING", data.Query.Warnings)
		}

		if len(data.Query.Sources) != 1 {
			t.Fatalf("sources = %+v, want crm_leads only", data.Query.Sources)
		}
		src := data.Query.Sources[0]
		f := src.Freshness
		if src.Name != "crm_leads" || f.Status != "warn" {
			t.Errorf("source = %s %s, want crm_leads warn", src.Name, f.Status)
		}
		if f.AgeSeconds == nil || *f.AgeSeconds != 12*3600 {
			t.Errorf("crm_leads ageSeconds = %v, want 43200", f.AgeSeconds)
		}
		if f.Newest == nil || *f.Newest != "2025-06-30T22:30:00Z" {
			t.Errorf("crm_leads newest = %v, want 2025-06-30T22:30:00Z", f.Newest)
		}
		if f.Reason == nil || *f.Reason != "newest data is 12h old, more than warn_after 6h" {
			t.Errorf("crm_leads reason = %v", f.Reason)
		}
		if f.LastLoad != nil {
			t.Errorf("crm_leads lastLoad = %+v, want null (seeded by SQL, never ingested)", f.LastLoad)
		}
	})
}

func TestGuardResultsOnSpreadsheetEndpoints(t *testing.T) {
	e := newEnvWith(t, "duckdb:", envOptions{extraDefs: guardsDir, now: lateNow})
	path := "/api/v1/query.json?metrics=watched_leads,booked_revenue&group_by=metric_time__month&time_range=2025-01-01,2025-06-30"
	status, _, body := e.get(t, path)
	if status != http.StatusOK {
		t.Fatalf("GET %s = %d: %s", path, status, body)
	}
	var res struct {
		Warnings []struct{ Code, Summary string }
		Sources  []struct {
			Name      string
			Freshness struct {
				Status     string
				AgeSeconds *int64
				Reason     string
			}
		}
	}
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatal(err)
	}
	var used []string
	for _, s := range res.Sources {
		used = append(used, s.Name+"="+s.Freshness.Status)
	}
	if got := strings.Join(used, ","); got != "crm_deals=error,crm_leads=warn" {
		t.Errorf("JSON sources = %s, want crm_deals=error,crm_leads=warn", got)
	}
	// The newest deal closed on 2025-04-02 10:00, 90d0h30m before lateNow.
	if deals := res.Sources[0].Freshness; deals.AgeSeconds == nil || *deals.AgeSeconds != 90*86400+30*60 {
		t.Errorf("crm_deals ageSeconds = %v, want %d", deref(deals.AgeSeconds), 90*86400+30*60)
	}
	if len(res.Warnings) != 1 || res.Warnings[0].Code != "GUARD_WARNING" {
		t.Errorf("JSON warnings = %+v, want one GUARD_WARNING", res.Warnings)
	}

	resp, err := http.Get(e.url + strings.Replace(path, "query.json", "query.csv", 1))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("X-Sources"); got != "crm_deals=error,crm_leads=warn" {
		t.Errorf("X-Sources = %q, want crm_deals=error,crm_leads=warn", got)
	}
	if got := resp.Header.Get("X-Warnings"); got != "GUARD_WARNING" {
		t.Errorf("X-Warnings = %q, want GUARD_WARNING", got)
	}
}

func TestGuardsOnResultValues(t *testing.T) {
	enginesWith(t, envOptions{extraDefs: guardsDir, now: lateNow}, func(t *testing.T, e *env) {
		in := map[string]any{"in": map[string]any{
			"metrics":   []string{"checked_revenue"},
			"groupBy":   []string{"metric_time__month"},
			"timeRange": map[string]string{"start": "2025-01-01", "end": "2025-06-30"},
			"orderBy":   []map[string]any{{"name": "metric_time__month"}},
		}}
		var data guardQueryData
		r := e.graphql(t, guardQueryOp, in, &data)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		if got := table(data.Query.Rows); got != "2025-01 1200.50\n2025-02 99999999.99\n2025-04 0.10" {
			t.Errorf("rows:\n%s", got)
		}
		if len(data.Query.Warnings) != 1 {
			t.Fatalf("warnings = %+v, want the value guard", data.Query.Warnings)
		}
		if w := data.Query.Warnings[0]; w.Code != "GUARD_WARNING" || w.Summary != "checked_revenue: a row books more than a million" {
			t.Errorf("warning = %+v", w)
		}

		// A rows guard of severity error rejects an empty result.
		in = map[string]any{"in": map[string]any{
			"metrics":   []string{"nonempty_leads"},
			"groupBy":   []string{"metric_time__month"},
			"timeRange": map[string]string{"start": "2030-01-01", "end": "2030-01-31"},
		}}
		r = e.graphql(t, guardQueryOp, in, nil)
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "GUARD_FAILED" {
			t.Fatalf("errors = %+v, want GUARD_FAILED for an empty result", r.Errors)
		}
		wantPosition(t, "rows guard", r.Errors[0].Extensions["position"], 63)
	})
}

const sourcesOp = `{
  sources {
    name system refresh trust table files
    freshnessRule { field warnAfter errorAfter }
    freshness { status newest ageSeconds reason lastLoad { id loadedAt } }
    schedule { loads }
  }
}`

type sourcesData struct {
	Sources []struct {
		Name          string
		Files         *string
		FreshnessRule *struct {
			Field                 string
			WarnAfter, ErrorAfter *string
		}
		Freshness struct {
			Status     string
			Newest     *string
			AgeSeconds *int
			Reason     *string
			LastLoad   *struct {
				ID       string
				LoadedAt string
			}
		}
		Schedule *struct{ Loads int }
	}
}

func TestGraphQLSourcesFreshness(t *testing.T) {
	enginesWith(t, envOptions{extraDefs: guardsDir, now: lateNow}, func(t *testing.T, e *env) {
		loadID := ingestOrders(t, e)

		var data sourcesData
		if r := e.graphql(t, sourcesOp, nil, &data); len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		var states []string
		for _, s := range data.Sources {
			states = append(states, s.Name+"="+s.Freshness.Status)
			if s.Schedule != nil {
				t.Errorf("%s schedule = %+v, want null (no scheduler runs)", s.Name, s.Schedule)
			}
		}
		want := "ad_spend=error,billing_payments=error,crm_deals=error,crm_leads=warn,web_orders=ok"
		if got := strings.Join(states, ","); got != want {
			t.Errorf("sources = %s, want %s", got, want)
		}
		spend := data.Sources[0].Freshness
		if spend.Reason == nil || *spend.Reason != "table ad_spend does not exist: load the source first" || spend.AgeSeconds != nil {
			t.Errorf("ad_spend freshness = %+v, want the missing table", spend)
		}

		orders := data.Sources[4]
		if orders.Files == nil || *orders.Files != "orders.csv" {
			t.Errorf("web_orders files = %v, want orders.csv", orders.Files)
		}
		if r := orders.FreshnessRule; r == nil || r.Field != "ordered_at" || *r.WarnAfter != "36h" || *r.ErrorAfter != "72h" {
			t.Errorf("web_orders freshness rule = %+v, want ordered_at 36h 72h", r)
		}
		f := orders.Freshness
		if f.AgeSeconds == nil || *f.AgeSeconds != 3*3600 || f.Newest == nil || *f.Newest != "2025-07-01T07:30:00Z" {
			t.Errorf("web_orders newest %v age %v, want 2025-07-01T07:30:00Z and 10800 s", f.Newest, f.AgeSeconds)
		}
		if f.LastLoad == nil || f.LastLoad.ID != loadID {
			t.Fatalf("web_orders lastLoad = %+v, want load %s", f.LastLoad, loadID)
		}
		loadedAt, err := time.Parse(time.RFC3339Nano, f.LastLoad.LoadedAt)
		if err != nil || time.Since(loadedAt) > time.Minute || time.Since(loadedAt) < 0 {
			t.Errorf("web_orders loadedAt = %q, want the load a moment ago", f.LastLoad.LoadedAt)
		}

		// The JSON endpoint lists the same source with its last load.
		status, _, body := e.get(t, "/api/v1/query.json?metrics=order_total")
		if status != http.StatusOK {
			t.Fatalf("GET order_total = %d: %s", status, body)
		}
		var res struct {
			Rows    [][]string
			Sources []struct {
				Name      string
				Freshness struct {
					Status     string
					Newest     string
					AgeSeconds int
					LastLoad   *struct{ ID, LoadedAt string }
				}
			}
		}
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatalf("decode %s: %v", body, err)
		}
		if len(res.Rows) != 1 || res.Rows[0][0] != "59.75" {
			t.Errorf("order_total rows = %v, want 59.75", res.Rows)
		}
		if len(res.Sources) != 1 {
			t.Fatalf("JSON sources = %+v, want web_orders", res.Sources)
		}
		jf := res.Sources[0].Freshness
		if res.Sources[0].Name != "web_orders" || jf.Status != "ok" || jf.AgeSeconds != 3*3600 || jf.Newest != "2025-07-01T07:30:00Z" {
			t.Errorf("JSON source = %+v, want web_orders ok, 10800 s, newest 2025-07-01T07:30:00Z", res.Sources[0])
		}
		if jf.LastLoad == nil || jf.LastLoad.ID != loadID {
			t.Errorf("JSON lastLoad = %+v, want load %s", jf.LastLoad, loadID)
		}
	})
}

// ingestOrders writes a CSV of three orders, the newest 3h before lateNow,
// loads it as the web_orders source and returns the load id.
func ingestOrders(t *testing.T, e *env) string {
	t.Helper()
	data := t.TempDir()
	csv := "order_id,ordered_at,amount\n1,2025-06-30 09:00:00,12.50\n2,2025-07-01 07:30:00,40.00\n3,2025-06-29 18:00:00,7.25\n"
	if err := os.WriteFile(filepath.Join(data, "orders.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	set, diags, err := load.Dir(e.dir)
	if err != nil || diags.HasErrors() {
		t.Fatalf("load definitions: %v %v", err, diags)
	}
	var src *model.Source
	for _, s := range set.Sources {
		if s.Name == "web_orders" {
			src = s
		}
	}
	res, err := ingest.Load(t.Context(), e.wh.DB().DB, e.wh.Dialect(), src, ingest.Options{BaseDir: data})
	if err != nil {
		t.Fatalf("ingest web_orders: %v", err)
	}
	e.svc.InvalidateFreshness()
	return res.LoadID
}

// deref returns *p, or nil for a nil pointer, so a failure prints the
// value rather than an address.
func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// brokenSource is a source whose freshness field is not a column of its
// table, so the freshness of every source fails to compute.
const brokenSource = `version: 1
sources:
  - name: broken
    system: crm
    location: {table: leads}
    freshness: {field: no_such_column, warn_after: 1h}
`

func TestGuardsWithoutFreshness(t *testing.T) {
	enginesWith(t, envOptions{extraDefs: guardsDir, now: lateNow}, func(t *testing.T, e *env) {
		if err := os.WriteFile(filepath.Join(e.dir, "broken.yml"), []byte(brokenSource), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.Reload(t.Context()); err != nil {
			t.Fatalf("reload: %v\n%s", err, e.logs.String())
		}

		// Without freshness the age guard cannot be evaluated, so it
		// counts as holding and rejects.
		r := e.graphql(t, guardQueryOp, juneLeads("fresh_leads"), nil)
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "GUARD_FAILED" {
			t.Fatalf("errors = %+v, want GUARD_FAILED", r.Errors)
		}
		diags, _ := r.Errors[0].Extensions["diagnostics"].([]any)
		if len(diags) != 1 {
			t.Fatalf("extensions.diagnostics = %v, want one", r.Errors[0].Extensions["diagnostics"])
		}
		first, _ := diags[0].(map[string]any)
		if detail, _ := first["detail"].(string); !strings.Contains(detail, "could not be evaluated") {
			t.Errorf("diagnostic detail = %q, want the evaluation failure", detail)
		}

		// A metric without guards is served, with its source unknown.
		var data guardQueryData
		if r := e.graphql(t, guardQueryOp, juneLeads("leads"), &data); len(r.Errors) > 0 {
			t.Fatalf("leads: errors %+v", r.Errors)
		}
		if got := table(data.Query.Rows); got != "2025-06 2" {
			t.Errorf("leads in June = %q, want 2025-06 2", got)
		}
		if len(data.Query.Sources) != 1 {
			t.Fatalf("sources = %+v, want crm_leads", data.Query.Sources)
		}
		f := data.Query.Sources[0].Freshness
		if f.Status != "unknown" || f.Reason == nil || !strings.HasPrefix(*f.Reason, "the freshness of the sources could not be computed") {
			t.Errorf("crm_leads freshness = %s %v, want unknown with the reason", f.Status, deref(f.Reason))
		}
		if strings.Contains(*f.Reason, "no_such_column") {
			t.Errorf("reason %q quotes the warehouse error", *f.Reason)
		}
		if !strings.Contains(e.logs.String(), "compute source freshness failed") {
			t.Error("the freshness failure was not logged")
		}
	})
}
