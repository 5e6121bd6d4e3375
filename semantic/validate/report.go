package validate

import (
	"fmt"
	"strings"

	"github.com/metricsd/metricsd/semantic/diag"
)

// unknown reports a reference to a name that is not defined, with the
// nearest defined names as suggestions.
func unknown(diags *diag.List, code diag.Code, pos diag.Pos, kind, name string, candidates []string) {
	unknownIn(diags, code, pos, kind, name, "", candidates)
}

// unknownIn is unknown for a name looked up in one place, such as the
// dimensions of one semantic model: where names that place.
func unknownIn(diags *diag.List, code diag.Code, pos diag.Pos, kind, name, where string, candidates []string) {
	d := diags.Add(code, pos, "unknown %s %q", kind, name)
	if where != "" {
		d.Summary += " in " + where
	}
	if s := diag.Suggest(name, candidates); len(s) > 0 {
		d.WithSuggestions(s)
	}
	if len(candidates) == 0 {
		d.WithDetail(fmt.Sprintf("no %s is defined here", kind))
	} else if len(candidates) <= 12 {
		d.WithDetail(fmt.Sprintf("defined: %s", strings.Join(candidates, ", ")))
	}
}

// oneOf reports value when it is not in allowed. Empty values are left to
// the required-field rule.
func oneOf(diags *diag.List, pos diag.Pos, what, value string, allowed []string) bool {
	if value == "" {
		return true
	}
	for _, a := range allowed {
		if value == a {
			return true
		}
	}
	d := diags.Add(diag.InvalidEnum, pos, "invalid %s %q", what, value).
		WithDetail(fmt.Sprintf("use one of: %s", strings.Join(allowed, ", ")))
	if s := diag.Suggest(value, allowed); len(s) > 0 {
		d.WithSuggestions(s)
	}
	return false
}

// required reports a missing or empty field.
func required(diags *diag.List, pos diag.Pos, kind, name, key, value string) {
	if value != "" {
		return
	}
	if name == "" {
		diags.Add(diag.MissingField, pos, "%s has no %s", kind, key)
		return
	}
	diags.Add(diag.MissingField, pos, "%s %q has no %s", kind, name, key)
}

// label names an object for a message: `metric "leads"`, or just `metric`
// when the name is missing (a separate MISSING_FIELD reports that).
func label(kind, name string) string {
	if name == "" {
		return kind
	}
	return fmt.Sprintf("%s %q", kind, name)
}
