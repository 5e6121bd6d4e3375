package conformance

import (
	"strings"
	"testing"
	"time"

	"github.com/metricsd/metricsd/semantic"
)

func TestCheckColumnsTypes(t *testing.T) {
	cols := []semantic.Column{
		{Name: "region", Type: "string"},
		{Name: "month", Type: "date"},
		{Name: "orders", Type: "integer"},
		{Name: "revenue", Type: "decimal"},
	}
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	good := &Result{
		Columns: []string{"region", "month", "orders", "revenue"},
		Rows:    [][]any{{"EMEA", day, dec("3"), dec("10.50")}, {nil, nil, nil, nil}},
	}
	if p := CheckColumns(cols, good); p != nil {
		t.Errorf("consistent result reported: %v", p)
	}

	float := &Result{Columns: good.Columns, Rows: [][]any{{"EMEA", day, dec("3"), 10.5}}}
	p := CheckColumns(cols, float)
	if len(p) != 1 || !strings.Contains(p[0], "revenue is declared decimal") {
		t.Errorf("float in a decimal column: got %q", p)
	}

	fraction := &Result{Columns: good.Columns, Rows: [][]any{{"EMEA", day, dec("2.5"), dec("1")}}}
	p = CheckColumns(cols, fraction)
	if len(p) != 1 || !strings.Contains(p[0], "orders is declared integer") {
		t.Errorf("fraction in an integer column: got %q", p)
	}

	renamed := &Result{Columns: []string{"region", "month", "orders", "booked"}}
	p = CheckColumns(cols, renamed)
	if len(p) != 1 || !strings.Contains(p[0], "compiled column 4 is revenue but the SQL returns booked") {
		t.Errorf("renamed column: got %q", p)
	}
}
