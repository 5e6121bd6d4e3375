package expr

import (
	"reflect"
	"strings"
	"testing"

	"github.com/metricsd/metricsd/semantic/diag"
)

func TestCompileTextDiagnostics(t *testing.T) {
	cases := []struct {
		name        string
		cel         string
		code        diag.Code
		line, col   int
		summary     string // a substring of the summary
		suggestions []string
	}{
		{"syntax", "channel == ", diag.CELSyntax, 1, 12, "Syntax error", nil},
		{"empty", "  ", diag.CELSyntax, 1, 1, "empty filter", nil},
		{"unknown name", "visits > 1 && chanel == 'a'", diag.CELUnknownName, 1, 15, `unknown name "chanel"`, []string{"channel"}},
		{"dotted name", "customer.region == 'eu'", diag.CELUnknownName, 1, 1, `unknown name "customer.region"`, []string{"customer__region"}},
		{"string with int", "channel == 5", diag.CELType, 1, 9, "found no matching overload for '_==_' applied to '(string, int)'", nil},
		{"int with string", "visits == 'x'", diag.CELType, 1, 8, "cannot compare visits (int) with a string literal", nil},
		{"int not a condition", "!visits", diag.CELType, 1, 2, "`visits` is a number, not a condition", nil},
		{"decimal with string", "amount == 'x'", diag.CELType, 1, 8, "cannot compare amount (decimal) with a string literal", nil},
		{"decimal in string list", "amount in [1, 'x']", diag.CELType, 1, 15, "cannot compare amount (decimal) with a string literal", nil},
		{"float starts with", "score.startsWith('1')", diag.CELType, 1, 17, "startsWith needs a string", nil},
		{"not a condition", "channel", diag.CELType, 1, 1, "filter must be a condition (bool), got string", nil},
		{"decimal not a condition", "amount", diag.CELType, 1, 1, "`amount` is a number, not a condition", nil},
		{"second line", "channel == 'a' &&\n  region == 5", diag.CELType, 2, 10, "no matching overload", nil},
		{"column after multibyte text", "channel == 'é' && region == 5", diag.CELType, 1, 26, "no matching overload", nil},
		{"macro", "[1, 2].exists(v, v == visits)", diag.CELUnsupported, 1, 8, "macro exists has no SQL translation", nil},
		{"function", "size(channel) > 1", diag.CELUnsupported, 1, 1, "function size has no SQL translation", nil},
		{"member function", "channel.matches('^a') ", diag.CELUnsupported, 1, 9, "function matches has no SQL translation", nil},
		{"multiplication", "visits * 2 > 3", diag.CELUnsupported, 1, 8, "operator * has no SQL translation", nil},
		{"ternary", "(visits > 1 ? 'a' : 'b') == channel", diag.CELUnsupported, 1, 13, "operator ?: has no SQL translation", nil},
		{"map literal", "{'a': 1}['a'] == visits", diag.CELUnsupported, 1, 1, "a map has no SQL translation", nil},
		{"int arithmetic", "visits + 1 > 2", diag.CELUnsupported, 1, 8, "arithmetic has no SQL translation", nil},
		{"in non-literal list", "channel in [region]", diag.CELUnsupported, 1, 13, "list elements must be literals", nil},
		{"null in list", "channel in ['a', null]", diag.CELUnsupported, 1, 18, "null in a list", nil},
		{"contains column", "channel.contains(region)", diag.CELUnsupported, 1, 18, "contains takes a string literal", nil},
		{"timestamp of column", "created_at > timestamp(channel)", diag.CELUnsupported, 1, 23, "timestamp() takes a string literal", nil},
		{"bad timestamp", "created_at > timestamp('2024-13-01T00:00:00Z')", diag.CELInvalidLiteral, 1, 24, `invalid timestamp "2024-13-01T00:00:00Z"`, nil},
		{"bad date", "day > date('2024-02-30')", diag.CELInvalidLiteral, 1, 12, `invalid date "2024-02-30"`, nil},
		{"bad duration", "created_at > timestamp('2024-01-01T00:00:00Z') - duration('3d')", diag.CELInvalidLiteral, 1, 59, `invalid duration "3d"`, nil},
		{"nanosecond duration", "created_at + duration('1ns') > timestamp('2024-01-01T00:00:00Z')", diag.CELInvalidLiteral, 1, 23, "finer than a microsecond", nil},
		{"uint literal", "visits > 1u", diag.CELUnsupported, 1, 10, "uint literals have no SQL translation", nil},
		{"bytes literal", "channel == b'x'", diag.CELType, 1, 9, "no matching overload", nil},
		{"decimal with bytes", "amount == b'x'", diag.CELUnsupported, 1, 11, "bytes literals have no SQL translation", nil},
		{"too long", "channel == '" + strings.Repeat("x", maxFilterLength) + "'", diag.CELSyntax, 1, 1, "size exceeds limit", nil},
		{"null with null", "null == null", diag.CELUnsupported, 1, 9, "null compared with null", nil},
		{"bad literal beside null", "created_at + duration('1ns') == null", diag.CELInvalidLiteral, 1, 23, "finer than a microsecond", nil},
		{"comparison as value", "(visits > 1) == active", diag.CELUnsupported, 1, 9, "a condition used as a value", nil},
	}
	env := testEnv(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, diags := env.CompileText(c.cel)
			if f != nil {
				t.Fatalf("CompileText(%q) succeeded, want %s", c.cel, c.code)
			}
			if len(diags) == 0 {
				t.Fatalf("CompileText(%q): no diagnostics", c.cel)
			}
			if len(diags) != 1 && c.name != "map literal" {
				t.Errorf("got %d diagnostics, want 1: %v", len(diags), diags)
			}
			d := diags[0]
			if d.Code != c.code {
				t.Errorf("code = %s, want %s (%v)", d.Code, c.code, diags)
			}
			if want := (diag.Pos{Line: c.line, Col: c.col}); d.Pos != want {
				t.Errorf("pos = %v, want %d:%d (%v)", d.Pos, c.line, c.col, diags)
			}
			if !strings.Contains(d.Summary, c.summary) {
				t.Errorf("summary = %q, want it to contain %q", d.Summary, c.summary)
			}
			if c.suggestions != nil && !reflect.DeepEqual(d.Suggestions, c.suggestions) {
				t.Errorf("suggestions = %v, want %v", d.Suggestions, c.suggestions)
			}
		})
	}
}

func TestNewEnvRejectsBadNames(t *testing.T) {
	for _, vars := range [][]Var{
		{{Name: "customer.region", Type: String}},
		{{Name: "in", Type: String}},
		{{Name: "a", Type: String}, {Name: "a", Type: Int}},
		{{Name: "a", Type: Type(99)}},
	} {
		if _, err := NewEnv(vars); err == nil {
			t.Errorf("NewEnv(%v) succeeded, want an error", vars)
		}
	}
}
