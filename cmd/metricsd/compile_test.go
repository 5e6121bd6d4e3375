package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// shopDefs is a three-model shop: orders reach customers many-to-one, and
// payments reach orders many-to-one.
const shopDefs = "../../semantic/testdata/fanout_by_region/definitions"

func TestCompilePrintsSQLAndArgs(t *testing.T) {
	code, out, errOut := runCLI("compile", "--definitions", shopDefs, "--dialect", "postgres",
		"--metrics", "booked_revenue,collection_rate", "--group-by", "customer__region,metric_time__month",
		"--where", "payment__method == 'card'", "--time-range", "2024-01-01,2024-01-31",
		"--time-zone", "Europe/Berlin", "--order-by", "-collection_rate", "--limit", "5", "--plan")
	if code != exitOK {
		t.Fatalf("exit %d, want 0\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		`FULL JOIN "agg1" ON FALSE`,
		`WHERE ("t0"."id" IN (SELECT "t0"."id" FROM`,
		`ORDER BY "collection_rate" DESC NULLS LAST, "customer__region" NULLS LAST`,
		"LIMIT 5\n",
		"-- $1 = \"card\"\n",
		"-- $4 = \"2024-02-01\"\n",
		"--   merge agg0, agg1 on the keys (NULL matches NULL)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestCompileJSONColumns(t *testing.T) {
	code, out, errOut := runCLI("compile", "--definitions", shopDefs, "--metrics", "booked_revenue@1",
		"--group-by", "customer__region", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d, want 0\n%s%s", code, out, errOut)
	}
	var got struct {
		SQL     string
		Args    []any
		Columns []struct{ Name, Kind, Type, Metric string }
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(got.Columns) != 2 || got.Columns[1].Name != "booked_revenue" || got.Columns[1].Type != "decimal" {
		t.Errorf("columns = %+v", got.Columns)
	}
	if len(got.Args) != 0 {
		t.Errorf("args = %v, want none", got.Args)
	}
	if !strings.HasPrefix(got.SQL, `WITH "agg0" AS (`) {
		t.Errorf("sql = %q", got.SQL)
	}
}

func TestCompileUnknownMetricExitsOne(t *testing.T) {
	code, out, _ := runCLI("compile", "--definitions", shopDefs, "--metrics", "booked_revenu")
	if code != exitFail {
		t.Fatalf("exit %d, want 1", code)
	}
	if !strings.Contains(out, "UNKNOWN_METRIC") || !strings.Contains(out, "booked_revenue") {
		t.Errorf("output lacks the code and the suggestion:\n%s", out)
	}
}

func TestCompileUsageErrors(t *testing.T) {
	cases := [][]string{
		{"compile", "--definitions", shopDefs},
		{"compile", "--definitions", shopDefs, "--metrics", "orders", "--format", "xml"},
		{"compile", "--definitions", shopDefs, "--metrics", "orders", "--time-range", "2024-01-01"},
		{"compile", "--definitions", "does/not/exist", "--metrics", "orders"},
		{"compile", "--definitions", shopDefs, "--metrics", "orders", "extra"},
		{"compile", "--definitions", shopDefs, "--metrics", "orders", "--dialect", "oracle"},
	}
	for _, args := range cases {
		if code, _, _ := runCLI(args...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2", args[1:], code)
		}
	}
}
