package main

import (
	"context"
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"

	"github.com/metricsd/metricsd/demo"
	"github.com/metricsd/metricsd/internal/testpg"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/warehouse"
)

const queryDefs = "testdata/query/definitions"

// channelQuery requests spend, leads, cash and reconciled ROAS by channel.
var channelQuery = []string{"query", "--definitions", queryDefs,
	"--metrics", "ad_spend,leads,collected_revenue,reconciled_roas", "--group-by", "channel__name"}

// handWrittenByChannel computes channelQuery's numbers straight from the
// demo tables, without the engine.
const handWrittenByChannel = `
WITH channels AS (SELECT channel FROM ad_spend UNION SELECT channel FROM leads),
spend AS (SELECT channel, SUM(spend) AS spend FROM ad_spend GROUP BY channel),
lead_counts AS (SELECT channel, COUNT(*) AS leads FROM leads GROUP BY channel),
cash AS (
	SELECT l.channel, SUM(CASE WHEN p.status = 'succeeded' THEN p.amount WHEN p.status = 'refunded' THEN -p.amount ELSE 0 END) AS collected
	FROM payments p
	JOIN invoices i ON i.invoice_id = p.invoice_id
	JOIN deals d ON d.deal_id = i.deal_id
	JOIN leads l ON l.lead_id = d.lead_id
	GROUP BY l.channel)
SELECT c.channel, s.spend, lc.leads, cash.collected
FROM channels c
LEFT JOIN spend s ON s.channel = c.channel
LEFT JOIN lead_counts lc ON lc.channel = c.channel
LEFT JOIN cash ON cash.channel = c.channel
ORDER BY c.channel`

// queryJSON is the JSON output of metricsd query.
type queryJSON struct {
	Columns []struct{ Name, Kind, Type string }
	Rows    [][]any
}

func runQueryJSON(t *testing.T, args ...string) queryJSON {
	t.Helper()
	code, stdout, stderr := runCLI(append(args, "--format", "json")...)
	if code != exitOK {
		t.Fatalf("metricsd %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	var out queryJSON
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("decode output: %v\n%s", err, stdout)
	}
	return out
}

func text(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case *apd.Decimal:
		return x.Text('f')
	case json.Number:
		return x.String()
	}
	b, _ := json.Marshal(v)
	return strings.Trim(string(b), `"`)
}

func TestQueryDemoMatchesHandWrittenSQL(t *testing.T) {
	got := runQueryJSON(t, channelQuery...)

	w, err := warehouse.Open(context.Background(), "duckdb:", warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := demo.Load(context.Background(), w, demo.Config{Seed: 1}, demo.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	want, err := w.Query(context.Background(), handWrittenByChannel, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rows) != len(want.Rows) {
		t.Fatalf("query returned %d channels, hand-written SQL %d", len(got.Rows), len(want.Rows))
	}
	for i, w := range want.Rows {
		g := got.Rows[i]
		for col := range 4 {
			if text(g[col]) != text(w[col]) {
				t.Errorf("row %d %s = %s, hand-written SQL gives %s", i, got.Columns[col].Name, text(g[col]), text(w[col]))
			}
		}
		checkRatio(t, w[0], g[4], w[3], w[1])
	}
	// Pin one channel to the demo's figures, so a change in the generator
	// shows up here too.
	tiktok := strings.Join([]string{text(got.Rows[6][0]), text(got.Rows[6][1]), text(got.Rows[6][2]), text(got.Rows[6][3])}, " ")
	if tiktok != "tiktok 177040.09 9897 94238.69" {
		t.Errorf("tiktok row = %s, want tiktok 177040.09 9897 94238.69", tiktok)
	}
}

// checkRatio compares the engine's ratio with numerator/denominator from
// the hand-written SQL; the engine divides in double precision.
func checkRatio(t *testing.T, channel, got, num, den any) {
	t.Helper()
	if num == nil || den == nil {
		if got != nil {
			t.Errorf("%v reconciled_roas = %v, want NULL", channel, got)
		}
		return
	}
	n, _ := num.(*apd.Decimal).Float64()
	d, _ := den.(*apd.Decimal).Float64()
	g, err := got.(json.Number).Float64()
	if err != nil || math.Abs(g-n/d) > 1e-12*math.Abs(n/d) {
		t.Errorf("%v reconciled_roas = %v, want %v", channel, got, n/d)
	}
}

func TestQueryPostgresMatchesDuckDB(t *testing.T) {
	dsn := testpg.Schema(t)
	if code, _, stderr := runCLI("demo", "--dsn", dsn); code != exitOK {
		t.Fatalf("metricsd demo --dsn: exit %d\n%s", code, stderr)
	}
	duck := runQueryJSON(t, channelQuery...)
	pg := runQueryJSON(t, append(channelQuery, "--dsn", dsn)...)
	if len(pg.Rows) != len(duck.Rows) {
		t.Fatalf("PostgreSQL returned %d rows, DuckDB %d", len(pg.Rows), len(duck.Rows))
	}
	for i := range duck.Rows {
		for col := range 4 {
			if text(pg.Rows[i][col]) != text(duck.Rows[i][col]) {
				t.Errorf("row %d %s: PostgreSQL %s, DuckDB %s", i, duck.Columns[col].Name, text(pg.Rows[i][col]), text(duck.Rows[i][col]))
			}
		}
		if a, b := text(pg.Rows[i][4]), text(duck.Rows[i][4]); a != b {
			t.Logf("row %d reconciled_roas: PostgreSQL %s, DuckDB %s", i, a, b)
		}
	}
}

func TestQueryTableAndCSV(t *testing.T) {
	code, table, stderr := runCLI(append(channelQuery, "--order-by", "-ad_spend", "--limit", "2")...)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(table), "\n")
	if len(lines) != 4 {
		t.Fatalf("table has %d lines, want header, 2 rows and a count:\n%s", len(lines), table)
	}
	if fields := strings.Fields(lines[1]); strings.Join(fields, " ") != "google 401261.87 USD 9060 2061727.92 USD 5.14" {
		t.Errorf("first row = %q, want google with spend, leads, cash and ROAS rounded to 2 places", lines[1])
	}

	code, csvOut, stderr := runCLI(append(channelQuery, "--format", "csv", "--where", "", "--order-by", "channel__name")...)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	rows := strings.Split(strings.TrimSpace(csvOut), "\n")
	if rows[0] != "channel__name,ad_spend,leads,collected_revenue,reconciled_roas" {
		t.Errorf("CSV header = %q", rows[0])
	}
	if rows[5] != "organic,,2425,303728.64," {
		t.Errorf("CSV organic row = %q, want NULL spend and ROAS as empty fields", rows[5])
	}
}

// leadsByLocalMonth counts leads per month of local time in zone, for
// local dates from 2026-01-01 through 2026-03-31.
const leadsByLocalMonth = `
SELECT strftime(timezone($1, created_at), '%Y-%m-01') AS month, COUNT(*) AS leads
FROM leads
WHERE timezone($1, created_at) >= TIMESTAMP '2026-01-01' AND timezone($1, created_at) < TIMESTAMP '2026-04-01'
GROUP BY 1 ORDER BY 1`

func TestQueryTimeRangeByMonth(t *testing.T) {
	w, err := warehouse.Open(context.Background(), "duckdb:", warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := demo.Load(context.Background(), w, demo.Config{Seed: 1}, demo.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, zone := range []string{"UTC", "Europe/Berlin", "America/Los_Angeles"} {
		t.Run(zone, func(t *testing.T) {
			// A date as END includes that whole local day.
			got := runQueryJSON(t, "query", "--definitions", queryDefs, "--metrics", "leads",
				"--group-by", "metric_time__month", "--time-range", "2026-01-01,2026-03-31", "--time-zone", zone)
			want, err := w.Query(context.Background(), leadsByLocalMonth, []any{zone})
			if err != nil {
				t.Fatal(err)
			}
			var gotText, wantText []string
			for _, r := range got.Rows {
				gotText = append(gotText, text(r[0])+"="+text(r[1]))
			}
			for _, r := range want.Rows {
				wantText = append(wantText, text(r[0])+"="+text(r[1]))
			}
			if strings.Join(gotText, " ") != strings.Join(wantText, " ") {
				t.Errorf("leads by month = %s, hand-written SQL gives %s", strings.Join(gotText, " "), strings.Join(wantText, " "))
			}
		})
	}
}

func TestQueryErrors(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no metrics", []string{"query", "--definitions", queryDefs}, exitUsage, "--metrics is required"},
		{"bad format", []string{"query", "--definitions", queryDefs, "--metrics", "leads", "--format", "xml"}, exitUsage, `invalid --format "xml"`},
		{"bad time range", []string{"query", "--definitions", queryDefs, "--metrics", "leads", "--time-range", "2026-01-01"}, exitUsage, "invalid --time-range"},
		{"unknown metric", []string{"query", "--definitions", queryDefs, "--metrics", "lead"}, exitFail, "UNKNOWN_METRIC"},
		{"unknown group-by", []string{"query", "--definitions", queryDefs, "--metrics", "leads", "--group-by", "channel__nam"}, exitFail, "channel__name"},
		{"missing directory", []string{"query", "--definitions", "testdata/none", "--metrics", "leads"}, exitUsage, "testdata/none"},
		{"unreachable warehouse", []string{"query", "--definitions", queryDefs, "--metrics", "leads",
			"--dsn", "postgres://postgres@127.0.0.1:1/test?sslmode=disable"}, exitFail, "unreachable"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runCLI(c.args...)
			if code != c.code {
				t.Errorf("exit = %d, want %d\n%s", code, c.code, stderr)
			}
			if !strings.Contains(stderr, c.stderr) {
				t.Errorf("stderr does not mention %q:\n%s", c.stderr, stderr)
			}
		})
	}
}

func TestQueryJSONCarriesFormats(t *testing.T) {
	code, stdout, stderr := runCLI(append(channelQuery, "--format", "json", "--limit", "1")...)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var out struct {
		Columns []struct {
			Name   string
			Format *struct {
				Type, Currency string
				Decimals       *int
			}
		}
		Rows [][]any
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("decode: %v\n%s", err, stdout)
	}
	if len(out.Rows) != 1 {
		t.Errorf("--limit 1 gave %d rows", len(out.Rows))
	}
	if f := out.Columns[0].Format; f != nil {
		t.Errorf("dimension column has format %+v, want none", f)
	}
	if f := out.Columns[1].Format; f == nil || f.Type != "currency" || f.Currency != "USD" {
		t.Errorf("ad_spend format = %+v, want currency USD", f)
	}
	if f := out.Columns[4].Format; f == nil || f.Type != "number" || f.Decimals == nil || *f.Decimals != 2 {
		t.Errorf("reconciled_roas format = %+v, want number with 2 decimals", f)
	}
}

// Hour buckets are local wall-clock times: the output must carry the query
// zone's offset, which changes from +01:00 to +02:00 on the spring DST day.
func TestQueryHourBucketsCarryZoneOffset(t *testing.T) {
	code, out, errOut := runCLI("query", "--definitions", queryDefs, "--metrics", "leads",
		"--group-by", "metric_time__hour", "--time-range", "2026-03-29,2026-03-29",
		"--time-zone", "Europe/Berlin", "--format", "csv")
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("got %d lines, want a header and hour rows:\n%s", len(lines), out)
	}
	for _, line := range lines[1:] {
		bucket, _, _ := strings.Cut(line, ",")
		ts, err := time.Parse(time.RFC3339, bucket)
		if err != nil {
			t.Fatalf("bucket %q is not RFC 3339: %v", bucket, err)
		}
		_, offset := ts.Zone()
		wantOffset := 3600
		if ts.Hour() >= 3 {
			wantOffset = 7200
		}
		if offset != wantOffset {
			t.Errorf("bucket %s has offset %ds, want %ds", bucket, offset, wantOffset)
		}
		if ts.Hour() == 2 {
			t.Errorf("bucket %s: 02:00 does not exist in Berlin on 2026-03-29", bucket)
		}
	}
}

// guardDefs has one source dated by leads.created_at and two metrics over
// it: one refused when the source is over an hour old, one only flagged.
const guardDefs = `version: 1
sources:
  - name: crm
    description: Leads.
    owner: growth
    location: {table: leads}
    freshness: {field: created_at, warn_after: 1h, error_after: 2h}
semantic_models:
  - name: leads
    source: crm
    table: leads
    agg_time_dimension: created_at
    entities:
      - {name: lead, type: primary, expr: id}
    dimensions:
      - {name: created_at, type: time, grain: second}
    measures:
      - {name: lead_count, agg: count, expr: id}
metrics:
  - name: strict_leads
    version: 1
    description: Leads, refused when the CRM export is stale.
    owner: growth
    type: simple
    measure: lead_count
    guards:
      - {when: "sources.crm.age > duration('1h')", severity: error, message: the CRM export is stale}
  - name: flagged_leads
    version: 1
    description: Leads, flagged when the CRM export is stale.
    owner: growth
    type: simple
    measure: lead_count
    guards:
      - {when: "sources.crm.age > duration('1h')", severity: warning, message: the CRM export is stale}
`

func TestQueryGuards(t *testing.T) {
	dir := writeDefs(t, map[string]string{"defs.yml": guardDefs})
	file := filepath.Join(t.TempDir(), "guards.duckdb")
	w, err := warehouse.Open(context.Background(), "duckdb:"+file, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	stale := time.Now().UTC().Add(-3 * time.Hour).Format("2006-01-02 15:04:05")
	for _, stmt := range []string{
		`CREATE TABLE leads (id INTEGER, created_at TIMESTAMP)`,
		`INSERT INTO leads VALUES (1, TIMESTAMP '` + stale + `'), (2, TIMESTAMP '` + stale + `')`,
	} {
		if _, err := w.DB().Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()

	code, out, errOut := runCLI("query", "--dsn", "duckdb:"+file, "--definitions", dir, "--metrics", "strict_leads", "--format", "csv")
	if code != exitFail {
		t.Fatalf("stale source: exit %d, want 1\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "GUARD_FAILED") || !strings.Contains(errOut, "the CRM export is stale") {
		t.Errorf("stderr lacks the GUARD_FAILED finding:\n%s", errOut)
	}
	if out != "" {
		t.Errorf("a refused query printed rows:\n%s", out)
	}

	code, out, errOut = runCLI("query", "--dsn", "duckdb:"+file, "--definitions", dir, "--metrics", "flagged_leads", "--format", "csv")
	if code != exitOK {
		t.Fatalf("warning guard: exit %d, want 0\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "GUARD_WARNING") {
		t.Errorf("stderr lacks the GUARD_WARNING finding:\n%s", errOut)
	}
	if out != "flagged_leads\n2\n" {
		t.Errorf("stdout = %q, want the count 2", out)
	}
}

func TestDurationTextUnits(t *testing.T) {
	one := 1
	cases := []struct {
		seconds string
		format  model.Format
		want    string
	}{
		{"1265823", model.Format{Type: "duration", Unit: "d", Decimals: &one}, "14.7 d"},
		{"-102065", model.Format{Type: "duration", Unit: "d", Decimals: &one}, "-1.2 d"},
		{"375", model.Format{Type: "duration", Unit: "m"}, "6.3 m"},
		{"375", model.Format{Type: "duration"}, "6m15s"},
		{"1e30", model.Format{Type: "duration"}, "1000000000000000000000000000000 s"},
	}
	for _, c := range cases {
		d, _, err := apd.NewFromString(c.seconds)
		if err != nil {
			t.Fatal(err)
		}
		if got := durationText(d, &c.format); got != c.want {
			t.Errorf("durationText(%s, unit %q) = %q, want %q", c.seconds, c.format.Unit, got, c.want)
		}
	}
}
