package server

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cockroachdb/apd/v3"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/server/api"
)

// filterPos marks diagnostics about a structured filter.
var filterPos = diag.Pos{File: "filters"}

// filtersCEL translates structured filters to one CEL condition. Each value
// becomes a CEL literal of the dimension's data type, so the result goes
// through the same type check and SQL translation as a where string, and a
// value can never become SQL text. types maps each filterable name to its
// data type.
func filtersCEL(filters []api.Filter, types map[string]string) (string, diag.List) {
	var parts []string
	var diags diag.List
	for i, f := range filters {
		dataType, ok := types[f.Dimension]
		if !ok {
			names := make([]string, 0, len(types))
			for name := range types {
				names = append(names, name)
			}
			diags.Add(diag.UnknownDimension, filterPos, "filter %d: unknown dimension %q", i+1, f.Dimension).
				WithSuggestions(diag.Suggest(f.Dimension, names))
			continue
		}
		cel, err := filterCEL(f, dataType)
		if err != nil {
			diags.Add(diag.InvalidQuery, filterPos, "filter %d on %s: %v", i+1, f.Dimension, err)
			continue
		}
		parts = append(parts, cel)
	}
	return strings.Join(parts, " && "), diags
}

func filterCEL(f api.Filter, dataType string) (string, error) {
	wantValues := map[string]int{
		api.OpEq: 1, api.OpNe: 1, api.OpLt: 1, api.OpLe: 1, api.OpGt: 1, api.OpGe: 1,
		api.OpStartsWith: 1, api.OpEndsWith: 1, api.OpContains: 1,
		api.OpIsNull: 0, api.OpIsNotNull: 0, api.OpIn: -1, api.OpNotIn: -1,
	}
	want, ok := wantValues[f.Op]
	if !ok {
		return "", fmt.Errorf("unknown operator %q; use EQ, NE, LT, LE, GT, GE, IN, NOT_IN, IS_NULL, IS_NOT_NULL, STARTS_WITH, ENDS_WITH or CONTAINS", f.Op)
	}
	switch {
	case want >= 0 && len(f.Values) != want:
		return "", fmt.Errorf("%s takes %d values, got %d", f.Op, want, len(f.Values))
	case want < 0 && len(f.Values) == 0:
		return "", fmt.Errorf("%s takes at least one value", f.Op)
	}
	lits := make([]string, len(f.Values))
	for i, v := range f.Values {
		lit, err := celLiteral(v, dataType)
		if err != nil {
			return "", err
		}
		lits[i] = lit
	}
	name := f.Dimension
	switch f.Op {
	case api.OpIsNull:
		return name + " == null", nil
	case api.OpIsNotNull:
		return name + " != null", nil
	case api.OpIn:
		return name + " in [" + strings.Join(lits, ", ") + "]", nil
	case api.OpNotIn:
		return "!(" + name + " in [" + strings.Join(lits, ", ") + "])", nil
	case api.OpStartsWith, api.OpEndsWith, api.OpContains:
		if dataType != "string" {
			return "", fmt.Errorf("%s needs a string dimension, and %s is %s", f.Op, name, dataType)
		}
		method := map[string]string{api.OpStartsWith: "startsWith", api.OpEndsWith: "endsWith", api.OpContains: "contains"}[f.Op]
		return name + "." + method + "(" + lits[0] + ")", nil
	}
	operator := map[string]string{api.OpEq: "==", api.OpNe: "!=", api.OpLt: "<", api.OpLe: "<=", api.OpGt: ">", api.OpGe: ">="}[f.Op]
	return name + " " + operator + " " + lits[0], nil
}

// celLiteral parses v by the dimension's data type and writes it as a CEL
// literal.
func celLiteral(v, dataType string) (string, error) {
	switch dataType {
	case "integer":
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return "", fmt.Errorf("value %q is not an integer", v)
		}
		return strconv.FormatInt(n, 10), nil
	case "decimal", "float":
		d, _, err := apd.NewFromString(v)
		if err != nil || d.Form != apd.Finite {
			return "", fmt.Errorf("value %q is not a number", v)
		}
		return floatLiteral(d.Text('f')), nil
	case "boolean":
		b, err := strconv.ParseBool(v)
		if err != nil {
			return "", fmt.Errorf("value %q is not true or false", v)
		}
		return strconv.FormatBool(b), nil
	case "date", "timestamp":
		return timeLiteral(v)
	}
	return strconv.Quote(v), nil
}

// floatLiteral makes a CEL double literal of a plain decimal text.
func floatLiteral(s string) string {
	if strings.Contains(s, ".") {
		return s
	}
	return s + ".0"
}

// timeLiteral writes a date as CEL date("2025-01-31") and an RFC 3339
// timestamp as timestamp("...").
// NOTE: the engine compares time dimensions as wall-clock times in the query
// time zone, and in tests a timestamp's offset was not applied: with
// Europe/Berlin, "2025-02-01T00:00:00Z" matched Berlin midnight.
func timeLiteral(v string) (string, error) {
	if _, err := time.Parse(time.DateOnly, v); err == nil {
		return `date("` + v + `")`, nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return "", fmt.Errorf("value %q is neither a date (2025-01-31) nor an RFC 3339 timestamp", v)
	}
	return `timestamp("` + t.Format(time.RFC3339Nano) + `")`, nil
}
