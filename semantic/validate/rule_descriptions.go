package validate

import (
	"github.com/metricsd/metricsd/semantic/diag"
)

func init() { register("descriptions", checkDescriptions) }

// checkDescriptions warns about metrics that lack a description or an
// owner: catalog readers need both to trust a number and to ask about it.
func checkDescriptions(ix *index, diags *diag.List) {
	for _, m := range ix.set.Metrics {
		switch {
		case m.Description == "" && m.Owner == "":
			diags.Warn(diag.MissingDescription, m.Pos, "metric %q has no description and no owner", m.Name)
		case m.Description == "":
			diags.Warn(diag.MissingDescription, m.Pos, "metric %q has no description", m.Name)
		case m.Owner == "":
			diags.Warn(diag.MissingDescription, m.Pos, "metric %q has no owner", m.Name)
		}
	}
}
