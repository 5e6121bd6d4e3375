package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/metricsd/metricsd/demo"
	"github.com/metricsd/metricsd/internal/testpg"
	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/warehouse"
)

var referenceDefs = filepath.Join("..", "..", "definitions")

// requireEngineBuild fails unless the reference definitions build.
func requireEngineBuild(t *testing.T) {
	t.Helper()
	set, diags, err := load.Dir(referenceDefs)
	if err != nil || diags.HasErrors() {
		t.Fatalf("load %s: %v %v", referenceDefs, err, diags)
	}
	if _, diags := semantic.Build(set); diags.HasErrors() {
		t.Fatalf("reference definitions do not build: %v", diags.Errors())
	}
}

// handSpeedBuckets is close rate by time to first contact, straight from
// the demo tables.
const handSpeedBuckets = `
WITH first_contact AS (
	SELECT l.lead_id, MIN(a.occurred_at) - l.created_at AS delay
	FROM leads l LEFT JOIN activities a ON a.lead_id = l.lead_id
	GROUP BY l.lead_id, l.created_at),
bucketed AS (
	SELECT lead_id, CASE
		WHEN delay IS NULL THEN 'never'
		WHEN delay <= INTERVAL '5 minutes' THEN '0-5m'
		WHEN delay <= INTERVAL '30 minutes' THEN '5-30m'
		WHEN delay <= INTERVAL '2 hours' THEN '30m-2h'
		WHEN delay <= INTERVAL '24 hours' THEN '2h-24h'
		ELSE '24h+' END AS bucket
	FROM first_contact),
won AS (SELECT lead_id, COUNT(*) AS won FROM deals WHERE status = 'won' GROUP BY lead_id)
SELECT b.bucket, COUNT(*) AS leads, COALESCE(SUM(won.won), 0) AS won
FROM bucketed b LEFT JOIN won ON won.lead_id = b.lead_id
GROUP BY b.bucket ORDER BY b.bucket`

// handTikTokCampaigns is spend and qualified leads per TikTok campaign.
const handTikTokCampaigns = `
WITH spend AS (SELECT lower(campaign) AS campaign, SUM(spend) AS spend FROM ad_spend WHERE channel = 'tiktok' GROUP BY 1),
qualified AS (SELECT lower(utm_campaign) AS campaign, COUNT(*) AS qualified FROM leads
	WHERE channel = 'tiktok' AND score >= 50 GROUP BY 1)
SELECT s.campaign, 'tiktok', s.spend, q.qualified
FROM spend s JOIN qualified q ON q.campaign = s.campaign ORDER BY s.campaign`

// handQualifiedByChannel counts qualified leads (score 50 or more, test
// submissions excluded) per channel.
const handQualifiedByChannel = `
SELECT channel, COUNT(*) FILTER (WHERE score >= 50 AND channel <> 'test') AS qualified, COUNT(*) AS leads
FROM leads GROUP BY channel ORDER BY channel`

// TestReferenceDefinitionsMatchHandWrittenSQL runs reference metrics
// through metricsd query on the default demo DuckDB and on PostgreSQL
// loaded by metricsd demo, and compares both with hand-written SQL on
// DuckDB.
func TestReferenceDefinitionsMatchHandWrittenSQL(t *testing.T) {
	requireEngineBuild(t)
	w, err := warehouse.Open(context.Background(), "duckdb:", warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := demo.Load(context.Background(), w, demo.Config{Seed: 1}, demo.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	speed, err := w.Query(context.Background(), handSpeedBuckets, nil)
	if err != nil {
		t.Fatal(err)
	}
	qualified, err := w.Query(context.Background(), handQualifiedByChannel, nil)
	if err != nil {
		t.Fatal(err)
	}
	tiktok, err := w.Query(context.Background(), handTikTokCampaigns, nil)
	if err != nil {
		t.Fatal(err)
	}

	for _, engine := range []string{"duckdb", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			var dsnArgs []string
			if engine == "postgres" {
				dsn := testpg.Schema(t)
				if code, _, stderr := runCLI("demo", "--dsn", dsn); code != exitOK {
					t.Fatalf("metricsd demo --dsn: exit %d\n%s", code, stderr)
				}
				dsnArgs = []string{"--dsn", dsn}
			}
			got := runQueryJSON(t, append([]string{"query", "--definitions", referenceDefs,
				"--metrics", "leads,won_deals", "--group-by", "lead__speed_bucket"}, dsnArgs...)...)
			compareRows(t, "speed buckets", got.Rows, speed.Rows)

			got = runQueryJSON(t, append([]string{"query", "--definitions", referenceDefs,
				"--metrics", "qualified_leads,leads", "--group-by", "channel__name"}, dsnArgs...)...)
			compareRows(t, "qualified leads", got.Rows, qualified.Rows)

			got = runQueryJSON(t, append([]string{"query", "--definitions", referenceDefs,
				"--metrics", "ad_spend,qualified_leads", "--group-by", "campaign__name,channel__name",
				"--where", "channel__name == 'tiktok'"}, dsnArgs...)...)
			compareRows(t, "TikTok campaigns", got.Rows, tiktok.Rows)
		})
	}
}

func compareRows(t *testing.T, what string, got, want [][]any) {
	t.Helper()
	var g, w []string
	for _, r := range got {
		cells := make([]string, len(r))
		for i, v := range r {
			cells[i] = text(v)
		}
		g = append(g, strings.Join(cells, ","))
	}
	for _, r := range want {
		cells := make([]string, len(r))
		for i, v := range r {
			cells[i] = text(v)
		}
		w = append(w, strings.Join(cells, ","))
	}
	if strings.Join(g, " ") != strings.Join(w, " ") {
		t.Errorf("%s: query gives\n%s\nhand-written SQL gives\n%s", what, strings.Join(g, "\n"), strings.Join(w, "\n"))
	}
}
