package conformance

import "testing"

// TestConformance runs the whole corpus in testdata/.
func TestConformance(t *testing.T) {
	Run(t, "testdata")
}
