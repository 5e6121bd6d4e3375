package server

import (
	"bytes"
	"encoding/csv"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/xuri/excelize/v2"

	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/server/api"
)

func decimal(t *testing.T, s string) *apd.Decimal {
	t.Helper()
	d, _, err := apd.NewFromString(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// edgeResult has values at the edges of what a double holds exactly.
func edgeResult(t *testing.T) *api.Result {
	two := 2
	return &api.Result{
		Columns: []api.Column{
			{Name: "day", Kind: api.KindDimension, Type: "date"},
			{Name: "revenue", Kind: api.KindMetric, Type: "decimal", Format: &model.Format{Type: "currency", Currency: "EUR", Decimals: &two}},
			{Name: "count", Kind: api.KindMetric, Type: "integer"},
			{Name: "channel", Kind: api.KindDimension, Type: "string"},
		},
		Rows: [][]any{
			{time.Date(2025, 3, 30, 0, 0, 0, 0, time.UTC), decimal(t, "1234.50"), int64(42), "google"},
			{time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), decimal(t, "12345678901234567.89"), int64(9007199254740993), nil},
			{time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), nil, nil, "a,\"quoted\" value"},
		},
	}
}

func TestWriteCSVKeepsExactText(t *testing.T) {
	var buf bytes.Buffer
	if err := writeCSV(&buf, edgeResult(t)); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"day", "revenue", "count", "channel"},
		{"2025-03-30", "1234.50", "42", "google"},
		{"2025-03-31", "12345678901234567.89", "9007199254740993", ""},
		{"2025-04-01", "", "", "a,\"quoted\" value"},
	}
	for i := range want {
		for j := range want[i] {
			if records[i][j] != want[i][j] {
				t.Errorf("record %d field %d = %q, want %q", i, j, records[i][j], want[i][j])
			}
		}
	}
}

func TestWriteXLSXNumbersAndText(t *testing.T) {
	var buf bytes.Buffer
	if err := writeXLSX(&buf, edgeResult(t)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cases := []struct {
		ref, raw string
		numeric  bool
	}{
		{"B2", "1234.5", true},
		{"C2", "42", true},
		{"B3", "12345678901234567.89", false}, // 19 digits: a double would round it
		{"C3", "9007199254740993", false},     // above 2^53
		{"D4", "a,\"quoted\" value", false},
	}
	for _, c := range cases {
		raw, err := f.GetCellValue(xlsxSheet, c.ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if raw != c.raw {
			t.Errorf("%s raw value = %q, want %q", c.ref, raw, c.raw)
		}
		typ, _ := f.GetCellType(xlsxSheet, c.ref)
		isNumber := typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset
		if isNumber != c.numeric {
			t.Errorf("%s cell type %v, want numeric %v", c.ref, typ, c.numeric)
		}
	}
	if v, _ := f.GetCellValue(xlsxSheet, "A2"); v != "2025-03-30" {
		t.Errorf("A2 shows %q, want 2025-03-30", v)
	}
	if v, _ := f.GetCellValue(xlsxSheet, "B2"); v != "1,234.50" {
		t.Errorf("B2 shows %q, want 1,234.50 (currency format, 2 decimals)", v)
	}
	if v, _ := f.GetCellValue(xlsxSheet, "B4"); v != "" {
		t.Errorf("B4 (NULL) shows %q, want an empty cell", v)
	}
}

func TestFilterCEL(t *testing.T) {
	types := map[string]string{"lead__channel": "string", "lead__score": "integer", "deal__amount": "decimal", "metric_time__day": "timestamp"}
	cases := []struct {
		f    api.Filter
		want string
	}{
		{api.Filter{Dimension: "lead__channel", Op: api.OpEq, Values: []string{`it's "x"`}}, `lead__channel == "it's \"x\""`},
		{api.Filter{Dimension: "lead__channel", Op: api.OpNotIn, Values: []string{"a", "b"}}, `!(lead__channel in ["a", "b"])`},
		{api.Filter{Dimension: "lead__score", Op: api.OpGe, Values: []string{"50"}}, `lead__score >= 50`},
		{api.Filter{Dimension: "deal__amount", Op: api.OpLt, Values: []string{"100"}}, `deal__amount < 100.0`},
		{api.Filter{Dimension: "lead__channel", Op: api.OpIsNull}, `lead__channel == null`},
		{api.Filter{Dimension: "lead__channel", Op: api.OpStartsWith, Values: []string{"goo"}}, `lead__channel.startsWith("goo")`},
		{api.Filter{Dimension: "metric_time__day", Op: api.OpGe, Values: []string{"2025-01-01"}}, `metric_time__day >= date("2025-01-01")`},
	}
	for _, c := range cases {
		got, diags := filtersCEL([]api.Filter{c.f}, types)
		if diags.HasErrors() {
			t.Errorf("%+v: %v", c.f, diags)
			continue
		}
		if got != c.want {
			t.Errorf("%+v: CEL %s, want %s", c.f, got, c.want)
		}
	}
	bad := []api.Filter{
		{Dimension: "lead__score", Op: api.OpEq, Values: []string{"1; DROP TABLE leads"}},
		{Dimension: "lead__score", Op: api.OpContains, Values: []string{"5"}},
		{Dimension: "lead__channel", Op: api.OpEq, Values: []string{"a", "b"}},
		{Dimension: "lead__channel", Op: "LIKE", Values: []string{"a"}},
	}
	for _, f := range bad {
		if _, diags := filtersCEL([]api.Filter{f}, types); !diags.HasErrors() {
			t.Errorf("%+v: accepted, want a diagnostic", f)
		}
	}
}
