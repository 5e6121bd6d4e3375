package validate

import (
	"fmt"

	"github.com/metricsd/metricsd/semantic/diag"
)

func init() { register("deprecation", checkDeprecation) }

// checkDeprecation warns when a metric that is not itself deprecated reads
// a deprecated one, and when replaced_by is set on a metric that is not
// deprecated (the replacement would never be announced).
func checkDeprecation(ix *index, diags *diag.List) {
	for _, m := range ix.set.Metrics {
		if m.ReplacedBy != "" && m.Deprecated == "" {
			diags.Warn(diag.InvalidParameter, m.Fields.At("replaced_by", m.Pos), "metric %q has replaced_by but is not deprecated", m.Name).
				WithDetail("add deprecated: with the reason, or remove replaced_by")
		}
		if m.ReplacedBy != "" && m.ReplacedBy == m.Name {
			diags.Add(diag.InvalidParameter, m.Fields.At("replaced_by", m.Pos), "metric %q is replaced by itself", m.Name)
		}
		if m.Deprecated != "" {
			continue
		}
		for _, in := range inputs(m) {
			dep := ix.metrics[in.Name]
			if dep == nil || dep.Deprecated == "" {
				continue
			}
			d := diags.Warn(diag.DeprecatedMetric, in.Fields.At("name", in.Pos), "metric %q reads deprecated metric %q", m.Name, dep.Name)
			detail := fmt.Sprintf("%q is deprecated: %s", dep.Name, dep.Deprecated)
			if dep.ReplacedBy != "" {
				detail += fmt.Sprintf("; use %q instead", dep.ReplacedBy)
				d.WithSuggestions([]string{dep.ReplacedBy})
			}
			d.WithDetail(detail)
		}
	}
}
