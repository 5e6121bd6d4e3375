package reference

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/metricsd/metricsd/server"
	"github.com/metricsd/metricsd/warehouse"
)

// channelReview is the one GraphQL query of the channel review: what the
// platforms claim, what was collected, what a customer costs and how fast
// sales calls back, per channel.
const channelReview = `query ChannelReview {
  query(input: {
    metrics: ["platform_roas", "reconciled_roas", "cost_per_closed_customer",
              "speed_to_first_contact_median", "speed_to_first_contact_p90", "contacted_within_5m_rate"]
    groupBy: ["channel__name"]
    orderBy: [{name: "channel__name"}]
  }) {
    columns { name type }
    rows
  }
}`

type reviewResponse struct {
	Data struct {
		Query struct {
			Columns []struct{ Name, Type string }
			Rows    [][]any
		}
	}
	Errors []struct{ Message string }
}

// TestChannelReviewOverGraphQL posts the channel review to /graphql on a
// server over the demo and compares every cell with hand-written SQL.
func TestChannelReviewOverGraphQL(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) { checkChannelReview(t, demoWarehouse(t, e.dsn(t))) })
	}
}

func checkChannelReview(t *testing.T, w *warehouse.Warehouse) {
	ctx := context.Background()
	svc := server.NewService(server.ServiceOptions{Dir: definitionsDir, Warehouse: w})
	if err := svc.Reload(ctx); err != nil {
		t.Fatalf("load definitions into the server: %v", err)
	}
	srv := httptest.NewServer(server.NewServer(svc, nil, nil).Handler())
	defer srv.Close()

	got := postReview(t, srv.URL+"/graphql")

	spend, closed := hand(t, w, handSpend), hand(t, w, handClosedCustomers)
	want := map[string]map[string]float64{
		"platform_roas":                 ratioOf(hand(t, w, handPlatformValue), spend),
		"reconciled_roas":               ratioOf(hand(t, w, handCollected), spend),
		"cost_per_closed_customer":      ratioOf(spend, closed),
		"speed_to_first_contact_median": floats(hand(t, w, percentileSQL(w.Dialect(), 0.5))),
		"speed_to_first_contact_p90":    floats(hand(t, w, percentileSQL(w.Dialect(), 0.9))),
		"contacted_within_5m_rate":      ratioOf(hand(t, w, handWithin5m), hand(t, w, handLeads)),
	}
	if len(got) != len(want) {
		t.Fatalf("response has %d metric columns; want %d", len(got), len(want))
	}
	for metric, byChannel := range want {
		sameFloat(t, "graphql "+metric, got[metric], byChannel)
	}
	if n := len(got["speed_to_first_contact_median"]); n != 7 {
		t.Errorf("speed to first contact for %d channels; want 7 (5 paid, organic, test)", n)
	}
}

// postReview sends channelReview and returns metric → channel → value.
func postReview(t *testing.T, url string) map[string]figures {
	t.Helper()
	body, err := json.Marshal(map[string]string{"query": channelReview})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("post to %s: %v", url, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, raw)
	}
	var r reviewResponse
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&r); err != nil || len(r.Errors) > 0 {
		t.Fatalf("invalid response (%v): %s", err, raw)
	}
	cols := r.Data.Query.Columns
	if len(cols) == 0 || cols[0].Name != "channel__name" {
		t.Fatalf("columns = %+v; want channel__name first", cols)
	}

	out := map[string]figures{}
	for _, c := range cols[1:] {
		if c.Type != "float" {
			t.Errorf("column %s has type %s; want float", c.Name, c.Type)
		}
		out[c.Name] = figures{}
	}
	for _, row := range r.Data.Query.Rows {
		channel := fmt.Sprint(row[0])
		for i, c := range cols[1:] {
			if row[i+1] == nil {
				continue
			}
			f, err := strconv.ParseFloat(string(row[i+1].(json.Number)), 64)
			if err != nil {
				t.Fatalf("%s[%s] = %v: %v", c.Name, channel, row[i+1], err)
			}
			out[c.Name][channel] = f
		}
	}
	return out
}
