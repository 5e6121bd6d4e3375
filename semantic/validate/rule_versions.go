package validate

import (
	"github.com/metricsd/metricsd/semantic/diag"
)

func init() { register("versions", checkVersions) }

// checkVersions requires every metric to carry a positive integer version.
// Clients pin name@version, so a metric without one cannot be pinned.
func checkVersions(ix *index, diags *diag.List) {
	for _, m := range ix.set.Metrics {
		pos, written := m.Fields["version"]
		switch {
		case !written:
			diags.Add(diag.InvalidVersion, m.Pos, "metric %q has no version", m.Name).
				WithDetail("add version: 1, and increase it whenever the metric's meaning changes")
		case m.Version <= 0:
			diags.Add(diag.InvalidVersion, pos, "metric %q has version %d; versions start at 1", m.Name, m.Version)
		}
	}
}
