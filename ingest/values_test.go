package ingest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/metricsd/metricsd/semantic/model"
)

func TestConvertDecimal(t *testing.T) {
	col := &column{name: "amount", typ: ColumnType{Kind: KindDecimal, Precision: 6, Scale: 2}}
	good := map[string]string{
		"12.5":    "12.5",
		"-12.34":  "-12.34",
		"1.500":   "1.5",
		"1e3":     "1000",
		"0.05":    "0.05",
		"9999.99": "9999.99",
		"  7 ":    "7",
	}
	for in, want := range good {
		got, err := col.convert(in)
		if err != nil || got != want {
			t.Errorf("convert(%q) = %q, %v, want %q", in, got, err, want)
		}
	}
	bad := map[string]string{
		"12,5":     `"12,5" is not a decimal`,
		"NaN":      `"NaN" is not a decimal`,
		"Infinity": `"Infinity" is not a decimal`,
		"1.005":    `"1.005" has 3 decimal places, more than the column's scale 2`,
		"10000":    `"10000" has 5 integer digits, more than the 4 that decimal(6,2) allows`,
	}
	for in, want := range bad {
		_, err := col.convert(in)
		if err == nil || err.Error() != want {
			t.Errorf("convert(%q) error = %v, want %q", in, err, want)
		}
	}
}

func TestConvertBooleanAndInteger(t *testing.T) {
	for in, want := range map[string]string{"True": "true", "f": "false", "YES": "true", "0": "false"} {
		if got, err := convertBoolean(in); err != nil || got != want {
			t.Errorf("convertBoolean(%q) = %q, %v, want %q", in, got, err, want)
		}
	}
	if _, err := convertBoolean("maybe"); err == nil {
		t.Error("convertBoolean(maybe) succeeded, want an error")
	}
	if _, err := convertInteger("57.0"); err == nil || err.Error() != `"57.0" is not an integer` {
		t.Errorf("convertInteger(57.0) error = %v", err)
	}
}

// TestLoadDecimalsExact checks that negative, scaled and exponent-form
// decimals arrive exactly through COPY and through the DuckDB Appender.
func TestLoadDecimalsExact(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		dir := t.TempDir()
		writeFile(t, dir, "amounts.csv", "id,amount\n1,-12.34\n2,1.500\n3,1e3\n4,0.05\n5,-0.01\n6,9999999999.99\n")
		src := &model.Source{Name: "amounts", Location: model.Location{Table: "amounts", Files: "amounts.csv", Columns: []model.Column{
			{Name: "id", Type: "integer"},
			{Name: "amount", Type: "decimal(12,2)"},
		}}}
		if _, err := Load(t.Context(), e.db, e.dialect, src, Options{BaseDir: dir}); err != nil {
			t.Fatal(err)
		}
		got := queryStrings(t, e.db, `SELECT CAST(amount AS TEXT) FROM amounts ORDER BY id`)
		want := [][]string{{"-12.34"}, {"1.50"}, {"1000.00"}, {"0.05"}, {"-0.01"}, {"9999999999.99"}}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("amounts = %v, want %v", got, want)
		}
		sum := queryStrings(t, e.db, `SELECT CAST(sum(amount) AS TEXT) FROM amounts`)
		if sum[0][0] != "10000000989.19" {
			t.Errorf("sum = %s, want 10000000989.19", sum[0][0])
		}
	})
}

func TestConvertTextRejectsInvalidBytes(t *testing.T) {
	col := &column{name: "note", typ: ColumnType{Kind: KindText}}
	if _, err := col.convert("caf\xe9"); err == nil || !strings.Contains(err.Error(), "is not valid UTF-8") {
		t.Errorf("Latin-1 text: err = %v, want invalid UTF-8", err)
	}
	if _, err := col.convert("a\x00b"); err == nil || !strings.Contains(err.Error(), "NUL byte") {
		t.Errorf("NUL: err = %v, want a NUL byte error", err)
	}
	if got, err := col.convert("café"); err != nil || got != "café" {
		t.Errorf("convert(café) = %q, %v", got, err)
	}
}

func TestParseTimeErrorListsLayouts(t *testing.T) {
	_, err := parseTime("03/03/2026", []string{"2006-01-02 15:04:05", "2006-01-02"}, "timestamp")
	want := `"03/03/2026" is not a timestamp in any of the layouts "2006-01-02 15:04:05", "2006-01-02"; set the column's format`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
	_, err = parseTime("2025-01-01", []string{"02/01/2006"}, "date")
	want = `"2025-01-01" is not a date in layout "02/01/2006"`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}
