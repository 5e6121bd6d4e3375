// Package validate checks a loaded definitions set as a whole: names,
// references between objects, metric types and their parameters, durations,
// grains and CEL expressions. Each rule lives in its own rule_*.go file and
// registers itself; Set runs them all, so one pass reports every problem.
package validate

import (
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

// MaxDiagnostics is how many diagnostics Set returns at most; the rest are
// counted in one TOO_MANY_DIAGNOSTICS line. A definitions set with more
// problems than this is usually broken in one place that repeats.
const MaxDiagnostics = 200

// rule is one check over the whole set. It reports through diags and must
// not modify the set.
type rule struct {
	name  string
	check func(ix *index, diags *diag.List)
}

// rules is filled by the init functions of the rule_*.go files, in file
// name order.
var rules []rule

func register(name string, check func(ix *index, diags *diag.List)) {
	rules = append(rules, rule{name: name, check: check})
}

// Set runs every rule over set and returns the diagnostics sorted by
// position and capped at MaxDiagnostics. A nil set has nothing to report.
func Set(set *model.Set) diag.List {
	if set == nil {
		return nil
	}
	return run(set, rules, MaxDiagnostics)
}

// Loaded combines the loader's diagnostics with the rules' for one set. A
// rule diagnostic at a position where the loader already reported an error
// is dropped, because it only restates the decoding failure (a version
// written as text is a YAML_TYPE error, not also a missing version).
func Loaded(set *model.Set, loadDiags diag.List) diag.List {
	if set == nil {
		set = &model.Set{}
	}
	return merge(loadDiags, run(set, rules, 0), MaxDiagnostics)
}

func merge(loadDiags, ruleDiags diag.List, max int) diag.List {
	flagged := map[diag.Pos]bool{}
	for _, d := range loadDiags {
		if d.Severity == diag.Error {
			flagged[d.Pos] = true
		}
	}
	out := append(diag.List(nil), loadDiags...)
	for _, d := range ruleDiags {
		if !flagged[d.Pos] {
			out = append(out, d)
		}
	}
	out.SortAndCap(max)
	return out
}

// run executes rules in order; max <= 0 means no cap.
func run(set *model.Set, rs []rule, max int) diag.List {
	ix := newIndex(set)
	var diags diag.List
	for _, r := range rs {
		runRule(r, ix, &diags)
	}
	diags.SortAndCap(max)
	return diags
}

// runRule turns a panic in a rule into an INTERNAL diagnostic so one broken
// rule cannot hide what the others found.
func runRule(r rule, ix *index, diags *diag.List) {
	defer func() {
		if p := recover(); p != nil {
			pos := diag.Pos{}
			if len(ix.set.Files) > 0 {
				pos.File = ix.set.Files[0].Path
			}
			diags.Add(diag.Internal, pos, "validation rule %q failed: %v", r.name, p).
				WithDetail("this is a bug in metricsd, not necessarily in the definitions; the other rules still ran")
		}
	}()
	r.check(ix, diags)
}
