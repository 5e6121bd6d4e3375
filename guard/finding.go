package guard

import (
	"github.com/metricsd/metricsd/semantic/diag"
)

// Finding is one guard that holds for a requested metric.
type Finding struct {
	// Metric is the requested metric, as the query names it.
	Metric string
	// Owner is the metric whose definition declares the guard: Metric
	// itself or a metric it reads.
	Owner    string
	Severity diag.Severity
	// Code is GUARD_FAILED for severity error, GUARD_WARNING for warning.
	Code diag.Code
	// Message is the guard's message, or a default naming the condition.
	Message string
	// Condition is the guard's CEL condition as written.
	Condition string
	// Detail explains a guard that could not be evaluated; empty otherwise.
	Detail string
	// Pos is the position of the condition in the definitions.
	Pos diag.Pos
}

// Findings are the guards that hold for one query, in the order of the
// requested metrics and then of the guards in the definitions.
type Findings []Finding

// Rejects reports whether a finding of severity error rejects metric.
func (fs Findings) Rejects(metric string) bool {
	for _, f := range fs {
		if f.Metric == metric && f.Severity == diag.Error {
			return true
		}
	}
	return false
}

// Rejected returns the requested metrics that an error finding rejects,
// each once, in request order.
func (fs Findings) Rejected() []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range fs {
		if f.Severity == diag.Error && !seen[f.Metric] {
			seen[f.Metric] = true
			out = append(out, f.Metric)
		}
	}
	return out
}

// Diagnostics converts the findings to diagnostics, so the CLI and the
// GraphQL error presenter render them as they render every other code.
func (fs Findings) Diagnostics() diag.List {
	out := make(diag.List, 0, len(fs))
	for _, f := range fs {
		out = append(out, diag.Diagnostic{
			Severity: f.Severity,
			Code:     f.Code,
			Summary:  f.Metric + ": " + f.Message,
			Detail:   f.Detail,
			Pos:      f.Pos,
		})
	}
	return out
}
