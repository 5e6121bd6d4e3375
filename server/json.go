package server

import (
	"encoding/json"
	"net/http"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/server/api"
)

// The JSON body of /api/v1/query mirrors the GraphQL QueryResult, with the
// same cell encoding: decimals and 64-bit integers as strings.
type jsonResult struct {
	QueryID            string           `json:"queryId"`
	Columns            []jsonColumn     `json:"columns"`
	Rows               [][]jsonCell     `json:"rows"`
	PageInfo           jsonPageInfo     `json:"pageInfo"`
	DefinitionsVersion string           `json:"definitionsVersion"`
	Warnings           []jsonDiagnostic `json:"warnings"`
	Sources            []jsonSource     `json:"sources"`
}

type jsonColumn struct {
	Name          string      `json:"name"`
	Kind          string      `json:"kind"`
	Type          string      `json:"type"`
	Format        *jsonFormat `json:"format,omitempty"`
	Metric        string      `json:"metric,omitempty"`
	MetricVersion int         `json:"metricVersion,omitempty"`
}

type jsonFormat struct {
	Type     string `json:"type"`
	Currency string `json:"currency,omitempty"`
	Decimals *int   `json:"decimals,omitempty"`
	Unit     string `json:"unit,omitempty"`
}

func newJSONFormat(f *model.Format) *jsonFormat {
	if f == nil {
		return nil
	}
	return &jsonFormat{Type: f.Type, Currency: f.Currency, Decimals: f.Decimals, Unit: f.Unit}
}

type jsonPageInfo struct {
	Limit      int  `json:"limit"`
	Offset     int  `json:"offset"`
	HasMore    bool `json:"hasMore"`
	NextOffset *int `json:"nextOffset,omitempty"`
}

type jsonDiagnostic struct {
	Severity    string   `json:"severity"`
	Code        string   `json:"code"`
	Summary     string   `json:"summary"`
	Detail      string   `json:"detail,omitempty"`
	Position    *jsonPos `json:"position,omitempty"`
	Suggestions []string `json:"suggestions,omitempty"`
}

type jsonPos struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// jsonCell encodes one value by its column type.
type jsonCell struct {
	value   any
	colType string
}

func (c jsonCell) MarshalJSON() ([]byte, error) {
	text, ok := api.CellText(c.value, c.colType)
	if !ok {
		return []byte("null"), nil
	}
	switch c.value.(type) {
	case bool, float64, float32:
		return []byte(text), nil
	}
	return json.Marshal(text)
}

func newJSONResult(res *api.Result) jsonResult {
	out := jsonResult{
		QueryID:            res.QueryID,
		Columns:            make([]jsonColumn, len(res.Columns)),
		Rows:               make([][]jsonCell, len(res.Rows)),
		PageInfo:           jsonPageInfo{Limit: res.Limit, Offset: res.Offset, HasMore: res.HasMore},
		DefinitionsVersion: res.DefinitionsVersion,
		Warnings:           jsonDiagnostics(res.Warnings),
		Sources:            jsonSources(res.Sources),
	}
	if res.HasMore {
		next := res.Offset + len(res.Rows)
		out.PageInfo.NextOffset = &next
	}
	for i, c := range res.Columns {
		out.Columns[i] = jsonColumn{Name: c.Name, Kind: c.Kind, Type: c.Type, Format: newJSONFormat(c.Format), Metric: c.Metric, MetricVersion: c.Version}
	}
	for i, row := range res.Rows {
		cells := make([]jsonCell, len(row))
		for j, v := range row {
			cells[j] = jsonCell{value: v, colType: res.Columns[j].Type}
		}
		out.Rows[i] = cells
	}
	return out
}

func jsonDiagnostics(l diag.List) []jsonDiagnostic {
	out := make([]jsonDiagnostic, 0, len(l))
	for _, d := range l {
		jd := jsonDiagnostic{Severity: d.Severity.String(), Code: string(d.Code), Summary: d.Summary, Detail: d.Detail, Suggestions: d.Suggestions}
		if !d.Pos.IsZero() {
			jd.Position = &jsonPos{File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col}
		}
		out = append(out, jd)
	}
	return out
}

// jsonError is the body of every failed /api/v1 request, whatever format was
// requested: a spreadsheet import then shows the message instead of a
// half-written file.
type jsonError struct {
	Error struct {
		Code        string           `json:"code"`
		Message     string           `json:"message"`
		Position    *jsonPos         `json:"position,omitempty"`
		Suggestions []string         `json:"suggestions,omitempty"`
		Diagnostics []jsonDiagnostic `json:"diagnostics,omitempty"`
	} `json:"error"`
}

// writeError writes err as JSON with the HTTP status its code maps to.
func writeError(w http.ResponseWriter, err *api.Error) {
	var body jsonError
	body.Error.Code = err.Code
	body.Error.Message = err.Message
	if len(err.Diagnostics) > 0 {
		body.Error.Diagnostics = jsonDiagnostics(err.Diagnostics)
		body.Error.Position = body.Error.Diagnostics[0].Position
		body.Error.Suggestions = body.Error.Diagnostics[0].Suggestions
	}
	writeJSON(w, httpStatus(err.Code), body)
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(body)
}

// httpStatus maps an error code to an HTTP status: the client's fault (400)
// unless the warehouse or the server failed.
func httpStatus(code string) int {
	switch code {
	case api.CodeInternal:
		return http.StatusInternalServerError
	case api.CodeNotLoaded, api.CodeWarehouseUnreachable:
		return http.StatusServiceUnavailable
	case api.CodeWarehouseTimeout:
		return http.StatusGatewayTimeout
	case api.CodeWarehouseError:
		return http.StatusBadGateway
	case api.CodeNotFound:
		return http.StatusNotFound
	case api.CodeMethodNotAllowed:
		return http.StatusMethodNotAllowed
	case api.CodeCancelled:
		return 499 // client closed request, as nginx logs it
	case codeGuardFailed:
		// The request is valid but the data is not fit to serve now.
		return http.StatusConflict
	}
	return http.StatusBadRequest
}
