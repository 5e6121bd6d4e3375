package server_test

import (
	"strings"
	"testing"
)

const catalogQuery = `{
  metrics { name version type label owner format { type currency decimals } dimensions { name type dataType } }
  sources { name trust table }
  definitionsStatus { version lastLoadOk metrics diagnostics { code } }
}`

type catalogData struct {
	Metrics []struct {
		Name    string
		Version int
		Type    string
		Label   *string
		Owner   *string
		Format  *struct {
			Type     string
			Currency *string
			Decimals *int
		}
		Dimensions []struct{ Name, Type, DataType string }
	}
	Sources []struct {
		Name  string
		Trust *string
		Table *string
	}
	DefinitionsStatus struct {
		Version    string
		LastLoadOk bool
		Metrics    int
	}
}

func TestGraphQLCatalog(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		var data catalogData
		r := e.graphql(t, catalogQuery, nil, &data)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		var names []string
		for _, m := range data.Metrics {
			names = append(names, m.Name)
		}
		if got, want := strings.Join(names, ","), "booked_revenue,lead_volume,leads,qualified_lead_rate,qualified_leads"; got != want {
			t.Errorf("metrics = %s, want %s", got, want)
		}
		booked := data.Metrics[0]
		if booked.Version != 1 || booked.Type != "simple" || booked.Owner == nil || *booked.Owner != "finance" {
			t.Errorf("booked_revenue = version %d type %s owner %v, want 1 simple finance", booked.Version, booked.Type, booked.Owner)
		}
		if booked.Format == nil || booked.Format.Type != "currency" || *booked.Format.Currency != "USD" || *booked.Format.Decimals != 2 {
			t.Errorf("booked_revenue format = %+v, want currency USD 2", booked.Format)
		}
		leadDims := map[string]string{}
		for _, m := range data.Metrics {
			if m.Name != "leads" {
				continue
			}
			for _, d := range m.Dimensions {
				leadDims[d.Name] = d.Type + "/" + d.DataType
			}
		}
		for _, want := range []string{"lead__channel", "metric_time"} {
			if _, ok := leadDims[want]; !ok {
				t.Errorf("leads dimensions %v lack %s", leadDims, want)
			}
		}
		if len(data.Sources) != 4 || data.Sources[0].Name != "ad_spend" || *data.Sources[0].Trust != "platform_reported" {
			t.Errorf("sources = %+v, want 4 starting with ad_spend (platform_reported)", data.Sources)
		}
		st := data.DefinitionsStatus
		if len(st.Version) != 12 || !st.LastLoadOk || st.Metrics != 5 {
			t.Errorf("definitionsStatus = %+v, want a 12-digit version, lastLoadOk, 5 metrics", st)
		}
	})
}

func TestGraphQLWarningsInExtensions(t *testing.T) {
	e := newEnv(t, "duckdb:")
	in := monthlyInput("Europe/Berlin")
	in["metrics"] = []string{"lead_volume"}
	var data queryData
	r := e.graphql(t, queryOp, map[string]any{"in": in}, &data)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	if got := table(data.Query.Rows); !strings.HasPrefix(got, "2025-01 3\n2025-02 3\n") {
		t.Errorf("rows of the deprecated metric:\n%s", got)
	}
	warnings, _ := r.Extensions["warnings"].([]any)
	if len(warnings) != 1 {
		t.Fatalf("extensions.warnings = %v, want one warning", r.Extensions["warnings"])
	}
	w, _ := warnings[0].(map[string]any)
	if w["code"] != "DEPRECATED_METRIC" || w["severity"] != "warning" {
		t.Errorf("warning = %v, want DEPRECATED_METRIC with severity warning", w)
	}
}
