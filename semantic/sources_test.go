package semantic

import (
	"strings"
	"testing"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/query"
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
		{[]string{"speed_to_first_contact"}, "crm,dialer"},
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

func TestSourcesOfQueryJoins(t *testing.T) {
	m, diags := buildDir(t, "testdata/sources_of/definitions")
	if m == nil {
		t.Fatalf("build:\n%s", formatDiags(diags))
	}
	cases := []struct {
		name string
		q    query.Query
		want string
	}{
		{"metric only", query.Query{Metrics: []string{"activities"}}, "dialer"},
		{"group by a joined model", query.Query{Metrics: []string{"activities"}, GroupBy: []string{"lead__channel"}}, "crm,dialer"},
		{"filter on a joined model", query.Query{Metrics: []string{"activities"}, Where: "lead__channel == 'ads'"}, "crm,dialer"},
		{"ratio", query.Query{Metrics: []string{"roas"}, GroupBy: []string{"metric_time__day"}}, "ads,billing"},
	}
	for _, c := range cases {
		got, diags := m.SourcesOfQuery(c.q)
		if diags.HasErrors() {
			t.Errorf("%s: %s", c.name, formatDiags(diags))
			continue
		}
		if s := strings.Join(got, ","); s != c.want {
			t.Errorf("%s: sources = %q, want %q", c.name, s, c.want)
		}
	}

	got, diags := m.SourcesOfQuery(query.Query{Metrics: []string{"activitys"}})
	if got != nil || len(diags) == 0 || diags[0].Code != diag.UnknownMetric {
		t.Errorf("unknown metric: sources %v, diagnostics %v, want none and UNKNOWN_METRIC", got, diags)
	}
}
