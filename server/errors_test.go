package server_test

import (
	"fmt"
	"strings"
	"testing"
)

func TestGraphQLErrorCodes(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		cases := []struct {
			name       string
			in         map[string]any
			code       string
			suggestion string
		}{
			{
				name:       "unknown metric",
				in:         map[string]any{"metrics": []string{"qualified_lead"}},
				code:       "UNKNOWN_METRIC",
				suggestion: "qualified_leads",
			},
			{
				name: "where syntax",
				in:   map[string]any{"metrics": []string{"leads"}, "groupBy": []string{"lead__channel"}, "where": "lead__channel == "},
				code: "CEL_SYNTAX",
			},
			{
				name:       "where unknown name",
				in:         map[string]any{"metrics": []string{"leads"}, "where": "lead__chanel == 'meta'"},
				code:       "CEL_UNKNOWN_NAME",
				suggestion: "lead__channel",
			},
			{
				name:       "filter unknown dimension",
				in:         map[string]any{"metrics": []string{"leads"}, "filters": []map[string]any{{"dimension": "lead__chanel", "op": "EQ", "values": []string{"meta"}}}},
				code:       "UNKNOWN_DIMENSION",
				suggestion: "lead__channel",
			},
			{
				name: "filter value of the wrong type",
				in:   map[string]any{"metrics": []string{"leads"}, "filters": []map[string]any{{"dimension": "lead__score", "op": "GE", "values": []string{"fifty"}}}},
				code: "INVALID_QUERY",
			},
			{
				name: "limit out of range",
				in:   map[string]any{"metrics": []string{"leads"}, "limit": 0},
				code: "INVALID_INPUT",
			},
		}
		for _, c := range cases {
			r := e.graphql(t, queryOp, map[string]any{"in": c.in}, nil)
			if len(r.Errors) == 0 {
				t.Errorf("%s: no error", c.name)
				continue
			}
			ext := r.Errors[0].Extensions
			if ext["code"] != c.code {
				t.Errorf("%s: extensions.code = %v, want %s (message %q)", c.name, ext["code"], c.code, r.Errors[0].Message)
			}
			if c.suggestion != "" && fmt.Sprint(ext["suggestions"]) != fmt.Sprintf("[%s]", c.suggestion) && !containsString(ext["suggestions"], c.suggestion) {
				t.Errorf("%s: suggestions = %v, want %s among them", c.name, ext["suggestions"], c.suggestion)
			}
		}
	})
}

func TestGraphQLWherePosition(t *testing.T) {
	e := newEnv(t, "duckdb:")
	in := map[string]any{"metrics": []string{"leads"}, "where": "lead__channel == 'meta' && lead__scor > 3"}
	r := e.graphql(t, queryOp, map[string]any{"in": in}, nil)
	if len(r.Errors) == 0 {
		t.Fatal("no error")
	}
	pos, ok := r.Errors[0].Extensions["position"].(map[string]any)
	if !ok {
		t.Fatalf("extensions = %v, want a position", r.Errors[0].Extensions)
	}
	if pos["file"] != "query" || pos["line"] != float64(1) || pos["column"] != float64(28) {
		t.Errorf("position = %v, want query:1:28 (lead__scor)", pos)
	}

	// With a structured filter the where string is parenthesized; the
	// position must still point into the text the client sent.
	in["filters"] = []map[string]any{{"dimension": "lead__channel", "op": "EQ", "values": []string{"meta"}}}
	r = e.graphql(t, queryOp, map[string]any{"in": in}, nil)
	if len(r.Errors) == 0 {
		t.Fatal("no error with a structured filter")
	}
	pos, _ = r.Errors[0].Extensions["position"].(map[string]any)
	if pos["column"] != float64(28) {
		t.Errorf("position with a structured filter = %v, want column 28", pos)
	}
}

func TestGraphQLLimits(t *testing.T) {
	e := newEnv(t, "duckdb:")
	deep := "{ __schema { types { fields { type " + strings.Repeat("{ ofType ", 14) + "{ name }" + strings.Repeat(" }", 14) + " } } } }"
	r := e.graphql(t, deep, nil, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "QUERY_TOO_DEEP" {
		t.Errorf("deep query errors = %+v, want QUERY_TOO_DEEP", r.Errors)
	}
	wide := "{"
	for i := 0; i < 120; i++ {
		wide += fmt.Sprintf(" m%d: metrics { name label owner version type }", i)
	}
	wide += " }"
	r = e.graphql(t, wide, nil, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "COMPLEXITY_LIMIT_EXCEEDED" {
		t.Errorf("wide query errors = %+v, want COMPLEXITY_LIMIT_EXCEEDED", r.Errors)
	}
}

func containsString(v any, s string) bool {
	list, _ := v.([]any)
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
