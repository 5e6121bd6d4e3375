package server_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"
	"github.com/xuri/excelize/v2"
)

// monthlyParams is monthlyInput as a spreadsheet URL query.
const monthlyParams = "metrics=leads,qualified_leads,booked_revenue&group_by=metric_time__month" +
	"&time_range=2025-01-01,2025-06-30&time_zone=Europe/Berlin&order_by=metric_time__month"

type restResult struct {
	Columns []struct {
		Name, Kind, Type string
		Format           map[string]any
	}
	Rows [][]any
}

func fetchJSON(t *testing.T, e *env, path string) restResult {
	t.Helper()
	status, ctype, body := e.get(t, path)
	if status != http.StatusOK || !strings.HasPrefix(ctype, "application/json") {
		t.Fatalf("GET %s = %d %s\n%s", path, status, ctype, body)
	}
	var res restResult
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatal(err)
	}
	return res
}

// sameNumber compares two decimal texts by value.
func sameNumber(t *testing.T, a, b string) bool {
	t.Helper()
	if a == "" || b == "" {
		return a == b
	}
	x, _, err1 := apd.NewFromString(a)
	y, _, err2 := apd.NewFromString(b)
	if err1 != nil || err2 != nil {
		t.Fatalf("not numbers: %q %q", a, b)
	}
	return x.Cmp(y) == 0
}

func TestSpreadsheetJSONMatchesGraphQL(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		res := fetchJSON(t, e, "/api/v1/query.json?"+monthlyParams)
		var data queryData
		e.graphql(t, queryOp, map[string]any{"in": monthlyInput("Europe/Berlin")}, &data)
		if got, want := table(res.Rows), table(data.Query.Rows); got != want || got == "" {
			t.Errorf("JSON rows:\n%s\nGraphQL rows:\n%s", got, want)
		}
		if f := fmt.Sprint(res.Columns[3].Format); f != "map[currency:USD decimals:2 type:currency]" {
			t.Errorf("booked_revenue format = %s, want currency USD with 2 decimals", f)
		}
	})
}

func TestSpreadsheetPOST(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		body, _ := json.Marshal(monthlyInput("Europe/Berlin"))
		resp, err := http.Post(e.url+"/api/v1/query", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var res restResult
		if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
			t.Fatal(err)
		}
		if got := table(res.Rows); !strings.HasPrefix(got, "2025-01 3 2 1200.50\n") {
			t.Errorf("POST rows:\n%s", got)
		}
		if id := resp.Header.Get("X-Query-Id"); len(id) != 16 {
			t.Errorf("X-Query-Id = %q, want a 16-digit id", id)
		}
	})
}

func TestSpreadsheetCSV(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		want := fetchJSON(t, e, "/api/v1/query.json?"+monthlyParams)
		status, ctype, body := e.get(t, "/api/v1/query.csv?"+monthlyParams)
		if status != http.StatusOK || ctype != "text/csv; charset=utf-8" {
			t.Fatalf("status %d content type %q\n%s", status, ctype, body)
		}
		records, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(records[0], ","); got != "metric_time__month,leads,qualified_leads,booked_revenue" {
			t.Errorf("header = %s", got)
		}
		if len(records)-1 != len(want.Rows) {
			t.Fatalf("CSV has %d data rows, JSON %d", len(records)-1, len(want.Rows))
		}
		for i, rec := range records[1:] {
			for j := 1; j < len(rec); j++ {
				jv, _ := want.Rows[i][j].(string)
				if !sameNumber(t, rec[j], jv) || rec[j] != jv {
					t.Errorf("row %d col %d: CSV %q, JSON %q (want the same exact text)", i, j, rec[j], jv)
				}
			}
		}
		if records[2][3] != "99999999.99" {
			t.Errorf("February booked revenue in CSV = %q, want 99999999.99", records[2][3])
		}
	})
}

func TestSpreadsheetXLSX(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		want := fetchJSON(t, e, "/api/v1/query.json?"+monthlyParams)
		status, _, body := e.get(t, "/api/v1/query.xlsx?"+monthlyParams)
		if status != http.StatusOK {
			t.Fatalf("status %d\n%s", status, body)
		}
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows("Sheet1", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(rows[0], ","); got != "metric_time__month,leads,qualified_leads,booked_revenue" {
			t.Errorf("header = %s", got)
		}
		if len(rows)-1 != len(want.Rows) {
			t.Fatalf("XLSX has %d data rows, JSON %d", len(rows)-1, len(want.Rows))
		}
		for i, row := range rows[1:] {
			for j := 1; j < len(want.Rows[i]); j++ {
				jv, _ := want.Rows[i][j].(string)
				cell := ""
				if j < len(row) {
					cell = row[j]
				}
				if !sameNumber(t, cell, jv) {
					t.Errorf("row %d col %d: XLSX %q, JSON %q", i, j, cell, jv)
				}
			}
		}
		// Numbers are numeric cells, so spreadsheet formulas work on them.
		for _, ref := range []string{"B2", "D3"} {
			typ, err := f.GetCellType("Sheet1", ref)
			if err != nil {
				t.Fatal(err)
			}
			if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Errorf("cell %s type = %v, want a number", ref, typ)
			}
		}
		if v, _ := f.GetCellValue("Sheet1", "D3", excelize.Options{RawCellValue: true}); v != "99999999.99" {
			t.Errorf("D3 raw value = %q, want 99999999.99 written exactly", v)
		}
	})
}

func TestSpreadsheetBadParameters(t *testing.T) {
	e := newEnv(t, "duckdb:")
	cases := []struct{ path, code string }{
		{"/api/v1/query.csv?metric=leads", "INVALID_INPUT"},
		{"/api/v1/query.pdf?metrics=leads", "INVALID_INPUT"},
		{"/api/v1/query.csv?metrics=leads&format=xlsx", "INVALID_INPUT"},
		{"/api/v1/query.csv?metrics=leads&limit=0", "INVALID_INPUT"},
		{"/api/v1/query.csv?metrics=leads&time_range=2025-01-01", "INVALID_INPUT"},
		{"/api/v1/query.csv?metrics=leadz", "UNKNOWN_METRIC"},
	}
	req, _ := http.NewRequest(http.MethodDelete, e.url+"/api/v1/query.csv", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD, POST" {
		t.Errorf("DELETE = %d Allow %q, want 405 with Allow", resp.StatusCode, resp.Header.Get("Allow"))
	}
	for _, c := range cases {
		status, ctype, body := e.get(t, c.path)
		var res struct {
			Error struct{ Code, Message string }
		}
		json.Unmarshal(body, &res)
		if status != http.StatusBadRequest || !strings.HasPrefix(ctype, "application/json") || res.Error.Code != c.code {
			t.Errorf("GET %s = %d %s code %q, want 400 JSON %s\n%s", c.path, status, ctype, res.Error.Code, c.code, body)
		}
	}
}

func TestSpreadsheetFilterParameter(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		path := "/api/v1/query.csv?metrics=leads&group_by=lead__channel&order_by=-leads,lead__channel" +
			"&filter=lead__channel:IN:google,meta&filter=lead__score:GE:50"
		status, _, body := e.get(t, path)
		if status != http.StatusOK {
			t.Fatalf("status %d\n%s", status, body)
		}
		// Leads scoring 50 or more: google 10, 1, 3, 7 and meta 5, 9.
		want := "lead__channel,leads\ngoogle,4\nmeta,2\n"
		if string(body) != want {
			t.Errorf("CSV:\n%s\nwant:\n%s", body, want)
		}
	})
}
