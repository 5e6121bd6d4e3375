package conformance

import (
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"
)

func dec(s string) *apd.Decimal {
	d, _, err := apd.NewFromString(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestValueEqual(t *testing.T) {
	day := time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		want, got any
		equal     bool
	}{
		{"integer equals decimal with scale", 80, dec("80.00"), true},
		{"integer differs from decimal", 80, dec("80.01"), false},
		{"integer equals whole float", 3, 3.0, true},
		{"integer rejects near float", 1, 0.9999999999999999, false},
		{"quoted decimal exact", "90071992547409.95", dec("90071992547409.950000"), true},
		{"quoted decimal rejects float", "90071992547409.95", 90071992547409.95, false},
		{"quoted decimal beyond float precision", "90071992547409.95", dec("90071992547409.97"), false},
		{"float within tolerance", 0.942857, dec("0.94285714285714285714"), true},
		{"float outside tolerance", 0.942857, 0.9428585, false},
		{"null equals null", nil, nil, true},
		{"null differs from zero", nil, dec("0"), false},
		{"zero differs from null", 0, nil, false},
		{"date label", "2024-03-31", day, true},
		{"timestamp label", "2024-03-31 03:00:00", day.Add(3 * time.Hour), true},
		{"midnight timestamp label", "2024-03-31 00:00:00", day, true},
		{"date label rejects other hour", "2024-03-31", day.Add(time.Hour), false},
		{"label ignores location", "2024-03-31 03:00:00", time.Date(2024, 3, 31, 3, 0, 0, 0, time.FixedZone("CEST", 7200)), true},
		{"unparsable label", "31.03.2024", day, false},
		{"text", "EMEA", "EMEA", true},
		{"text case", "EMEA", "emea", false},
		{"text is not a number", "80", "80.00", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := valueEqual(tt.want, tt.got); got != tt.equal {
				t.Errorf("valueEqual(%#v, %#v) = %v, want %v", tt.want, tt.got, got, tt.equal)
			}
		})
	}
}

func TestCompareUnorderedRows(t *testing.T) {
	want := Expected{
		Columns: []string{"segment", "revenue"},
		Rows:    [][]any{{"smb", 10}, {nil, 100}, {"enterprise", 100}},
	}
	got := &Result{
		Columns: []string{"revenue", "segment"},
		Rows:    [][]any{{dec("100.00"), "enterprise"}, {dec("10.00"), "smb"}, {dec("100.00"), nil}},
	}
	if m := Compare(want, got, true); m != nil {
		t.Errorf("unordered rows with columns in another order: %v", m)
	}
	want.Ordered = true
	if m := Compare(want, got, true); len(m) == 0 {
		t.Error("ordered comparison accepted rows in another order")
	}
}

func TestCompareReportsSplitNullGroup(t *testing.T) {
	want := Expected{Columns: []string{"segment", "leads"}, Rows: [][]any{{nil, 3}}, Ordered: true}
	got := &Result{
		Columns: []string{"segment", "leads"},
		Rows:    [][]any{{nil, nil}, {nil, dec("3")}},
	}
	m := Compare(want, got, true)
	if len(m) == 0 || !strings.Contains(m[0], "got 2 rows, want 1") {
		t.Errorf("mismatches = %q, want a row count mismatch first", m)
	}
}

func TestCompareColumnNames(t *testing.T) {
	want := Expected{Columns: []string{"region", "revenue"}, Rows: [][]any{}}
	got := &Result{Columns: []string{"region", "booked"}}
	m := Compare(want, got, true)
	if len(m) != 2 || !strings.HasPrefix(m[0], "missing column revenue") || !strings.HasPrefix(m[1], "unexpected column booked") {
		t.Errorf("mismatches = %q, want the missing and the unexpected column", m)
	}
	if m := Compare(want, got, false); m != nil {
		t.Errorf("positional comparison checked names: %v", m)
	}
}
