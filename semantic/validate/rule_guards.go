package validate

import (
	"github.com/metricsd/metricsd/semantic/diag"
)

func init() { register("guards", checkGuards) }

var guardSeverities = []string{"error", "warning"}

// checkGuards checks guard severities. An absent severity means error.
// The when condition is compiled in rule_cel.
func checkGuards(ix *index, diags *diag.List) {
	for _, m := range ix.set.Metrics {
		for _, g := range m.Guards {
			oneOf(diags, g.Fields.At("severity", g.Pos), "guard severity", g.Severity, guardSeverities)
		}
	}
}
