package server_test

import (
	"fmt"
	"strings"
	"testing"
)

const queryOp = `query($in: QueryInput!) {
  query(input: $in) {
    queryId
    columns { name kind type metric metricVersion format { type } }
    rows
    pageInfo { limit offset hasMore nextOffset }
    definitionsVersion
    warnings { code }
  }
}`

type column struct {
	Name          string
	Kind          string
	Type          string
	Metric        *string
	MetricVersion *int
}

type queryData struct {
	Query struct {
		QueryID  string
		Columns  []column
		Rows     [][]any
		PageInfo struct {
			Limit, Offset int
			HasMore       bool
			NextOffset    *int
		}
		DefinitionsVersion string
	}
}

// monthlyInput is a query for three metrics by month over the first half
// of 2025.
func monthlyInput(tz string) map[string]any {
	return map[string]any{
		"metrics":   []string{"leads", "qualified_leads", "booked_revenue"},
		"groupBy":   []string{"metric_time__month"},
		"timeRange": map[string]string{"start": "2025-01-01", "end": "2025-06-30"},
		"timeZone":  tz,
		"orderBy":   []map[string]any{{"name": "metric_time__month"}},
	}
}

// table renders rows as "month leads qualified booked" lines, the month cut
// to yyyy-mm and nulls as "-", so a failure shows the whole result.
func table(rows [][]any) string {
	var lines []string
	for _, row := range rows {
		cells := make([]string, len(row))
		for i, v := range row {
			switch v := v.(type) {
			case nil:
				cells[i] = "-"
			case string:
				if i == 0 && len(v) >= 7 {
					v = v[:7]
				}
				cells[i] = v
			default:
				cells[i] = fmt.Sprint(v)
			}
		}
		lines = append(lines, strings.Join(cells, " "))
	}
	return strings.Join(lines, "\n")
}

func TestGraphQLQueryMonthlyBerlin(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		var data queryData
		r := e.graphql(t, queryOp, map[string]any{"in": monthlyInput("Europe/Berlin")}, &data)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		q := data.Query
		// Leads at 23:30 UTC on Dec 31 and Jan 31 fall into the next
		// month in Berlin. The lead at 22:30 UTC on Jun 30 is in July
		// there, so the range excludes it.
		want := strings.Join([]string{
			"2025-01 3 2 1200.50",
			"2025-02 3 2 99999999.99",
			"2025-03 1 1 -",
			"2025-04 1 1 0.10",
			"2025-06 1 0 -",
		}, "\n")
		if got := table(q.Rows); got != want {
			t.Errorf("rows:\n%s\nwant:\n%s", got, want)
		}
		wantCols := []string{"metric_time__month dimension", "leads metric", "qualified_leads metric", "booked_revenue metric"}
		for i, c := range q.Columns {
			if i < len(wantCols) && c.Name+" "+strings.ToLower(c.Kind) != wantCols[i] {
				t.Errorf("column %d = %s %s, want %s", i, c.Name, c.Kind, wantCols[i])
			}
		}
		if len(q.Columns) != 4 {
			t.Fatalf("got %d columns, want 4", len(q.Columns))
		}
		if c := q.Columns[3]; c.Type != "decimal" || c.MetricVersion == nil || *c.MetricVersion != 1 {
			t.Errorf("booked_revenue column = %+v, want type decimal, version 1", c)
		}
		if c := q.Columns[1]; c.Type != "integer" {
			t.Errorf("leads column type = %s, want integer", c.Type)
		}
		if q.PageInfo.HasMore || q.PageInfo.Limit != 1000 {
			t.Errorf("pageInfo = %+v, want limit 1000 and no more rows", q.PageInfo)
		}
		if q.DefinitionsVersion != e.svc.Status(t.Context()).Version || q.QueryID == "" {
			t.Errorf("definitionsVersion %q queryId %q, want the serving version and an id", q.DefinitionsVersion, q.QueryID)
		}
		if !strings.Contains(e.logs.String(), `"query_id":"`+q.QueryID+`"`) {
			t.Errorf("no log line carries query_id %s", q.QueryID)
		}
	})
}

func TestGraphQLQueryMonthlyUTC(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		var data queryData
		r := e.graphql(t, queryOp, map[string]any{"in": monthlyInput("UTC")}, &data)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		want := strings.Join([]string{
			"2025-01 3 2 1200.50",
			"2025-02 2 1 99999999.99",
			"2025-03 2 2 -",
			"2025-04 0 0 0.10",
			"2025-06 2 1 -",
		}, "\n")
		if got := table(data.Query.Rows); got != want {
			t.Errorf("rows:\n%s\nwant:\n%s", got, want)
		}
	})
}

func TestGraphQLPaging(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		in := monthlyInput("Europe/Berlin")
		in["limit"] = 2
		in["offset"] = 2
		var data queryData
		r := e.graphql(t, queryOp, map[string]any{"in": in}, &data)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		want := "2025-03 1 1 -\n2025-04 1 1 0.10"
		if got := table(data.Query.Rows); got != want {
			t.Errorf("page rows:\n%s\nwant:\n%s", got, want)
		}
		p := data.Query.PageInfo
		if !p.HasMore || p.NextOffset == nil || *p.NextOffset != 4 {
			t.Errorf("pageInfo = %+v, want hasMore and nextOffset 4", p)
		}
	})
}

func TestGraphQLStructuredFilter(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		in := monthlyInput("Europe/Berlin")
		in["metrics"] = []string{"leads"}
		in["filters"] = []map[string]any{{"dimension": "lead__channel", "op": "IN", "values": []string{"google", "organic"}}}
		in["where"] = "lead__channel != 'organic'"
		var data queryData
		r := e.graphql(t, queryOp, map[string]any{"in": in}, &data)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		// google leads only: 10 and 1 (January in Berlin), 3 (February),
		// 7 (April).
		want := "2025-01 2\n2025-02 1\n2025-04 1"
		if got := table(data.Query.Rows); got != want {
			t.Errorf("rows:\n%s\nwant:\n%s", got, want)
		}
	})
}

const compileOp = `query($in: QueryInput!) {
  compileSql(input: $in) { dialect sql parameters plan definitionsVersion columns { name } }
}`

func TestGraphQLCompileSQL(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		in := monthlyInput("Europe/Berlin")
		in["where"] = "lead__channel == 'meta'"
		var data struct {
			CompileSql struct {
				Dialect            string
				SQL                string
				Parameters         []any
				Plan               string
				DefinitionsVersion string
				Columns            []struct{ Name string }
			}
		}
		r := e.graphql(t, compileOp, map[string]any{"in": in}, &data)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		c := data.CompileSql
		if c.Dialect != e.wh.Dialect() {
			t.Errorf("dialect = %s, want %s", c.Dialect, e.wh.Dialect())
		}
		if !strings.Contains(strings.ToUpper(c.SQL), "SELECT") || strings.Contains(c.SQL, "'meta'") {
			t.Errorf("SQL should select and bind 'meta' as a parameter, got:\n%s", c.SQL)
		}
		found := false
		for _, p := range c.Parameters {
			if p == "meta" {
				found = true
			}
		}
		if !found {
			t.Errorf("parameters %v lack \"meta\"", c.Parameters)
		}
		if c.Plan == "" || len(c.Columns) != 4 {
			t.Errorf("plan %q, %d columns; want a plan and 4 columns", c.Plan, len(c.Columns))
		}
	})
}

func TestGraphQLHourInTimeZone(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		in := map[string]any{
			"metrics":   []string{"leads"},
			"groupBy":   []string{"metric_time__hour"},
			"timeRange": map[string]string{"start": "2025-01-01", "end": "2025-01-01"},
			"timeZone":  "Europe/Berlin",
		}
		var data queryData
		r := e.graphql(t, queryOp, map[string]any{"in": in}, &data)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		// Only the lead at 2024-12-31 23:30 UTC falls on 2025-01-01 in
		// Berlin, in the hour starting at local midnight (UTC+1).
		rows := data.Query.Rows
		if len(rows) != 1 || rows[0][0] != "2025-01-01T00:00:00+01:00" || rows[0][1] != "1" {
			t.Errorf("rows = %v, want [[2025-01-01T00:00:00+01:00 1]]", rows)
		}
		if c := data.Query.Columns[0]; c.Type != "timestamp" {
			t.Errorf("hour column type = %s, want timestamp", c.Type)
		}
	})
}

func TestGraphQLTimeFilter(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		in := monthlyInput("Europe/Berlin")
		in["metrics"] = []string{"leads"}
		in["filters"] = []map[string]any{{"dimension": "metric_time__month", "op": "GE", "values": []string{"2025-03-01"}}}
		var data queryData
		r := e.graphql(t, queryOp, map[string]any{"in": in}, &data)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		want := "2025-03 1\n2025-04 1\n2025-06 1"
		if got := table(data.Query.Rows); got != want {
			t.Errorf("rows:\n%s\nwant:\n%s", got, want)
		}
	})
}
