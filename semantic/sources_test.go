package semantic

import (
	"strings"
	"testing"
)

func TestSourcesOf(t *testing.T) {
	m, diags := buildDir(t, "testdata/sources_of/definitions")
	if m == nil {
		t.Fatalf("build:\n%s", formatDiags(diags))
	}
	cases := []struct {
		metrics []string
		want    string
	}{
		{[]string{"spend"}, "ads"},
		{[]string{"spend", "leads", "spend@1"}, "ads,crm"},
		{[]string{"roas"}, "ads,billing"},
		{[]string{"roas@2"}, "ads,billing"},
		{[]string{"roas_per_lead"}, "ads,billing,crm"},
		{[]string{"speed_to_first_contact"}, "crm"},
		{[]string{"notes"}, ""},
		{[]string{"no_such_metric"}, ""},
		{nil, ""},
	}
	for _, c := range cases {
		got := strings.Join(m.SourcesOf(c.metrics), ",")
		if got != c.want {
			t.Errorf("SourcesOf(%v) = %q, want %q", c.metrics, got, c.want)
		}
	}
}

func TestLineage(t *testing.T) {
	m, diags := buildDir(t, "testdata/sources_of/definitions")
	if m == nil {
		t.Fatalf("build:\n%s", formatDiags(diags))
	}
	var names []string
	for _, def := range m.Lineage("roas_per_lead@1") {
		names = append(names, def.Name)
	}
	if got, want := strings.Join(names, ","), "roas_per_lead,roas,collected,spend,leads"; got != want {
		t.Errorf("lineage = %s, want %s", got, want)
	}
	if got := m.Lineage("no_such_metric"); got != nil {
		t.Errorf("lineage of an unknown metric = %v, want nil", got)
	}
}
