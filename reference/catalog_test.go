package reference

import "testing"

// TestMetricsFullyDescribed requires owner, version, label, description
// and display format on every reference metric, since the catalog and the
// GraphQL schema show them to users.
func TestMetricsFullyDescribed(t *testing.T) {
	m := buildReference(t)
	for _, metric := range m.Metrics() {
		if metric.Owner == "" {
			t.Errorf("metric %s has no owner", metric.Name)
		}
		if metric.Version < 1 {
			t.Errorf("metric %s has no version", metric.Name)
		}
		if metric.Label == "" {
			t.Errorf("metric %s has no label", metric.Name)
		}
		if metric.Description == "" {
			t.Errorf("metric %s has no description", metric.Name)
		}
		if metric.Format == nil {
			t.Errorf("metric %s has no format", metric.Name)
		}
	}
	if n := len(m.Metrics()); n != 22 {
		t.Errorf("reference model has %d metrics; want 22 (update docs/revenue-model.md when adding one)", n)
	}
}
