package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/metricsd/metricsd/server/api"
)

// Output formats of /api/v1/query.
const (
	formatJSON = "json"
	formatCSV  = "csv"
	formatXLSX = "xlsx"
)

// handleQuery serves /api/v1/query[.json|.csv|.xlsx]: GET with query
// parameters (for spreadsheet imports) or POST with a JSON body. The format
// comes from the path suffix, else the format parameter, else JSON. The body
// is built in memory before the status line is sent, so a failure is always
// reported as a JSON error with its status, never as a truncated file.
func (s *Server) handleQuery(w http.ResponseWriter, r *http.Request) {
	format, err := requestFormat(r)
	if err != nil {
		writeError(w, api.AsError(err))
		return
	}
	var req api.Request
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		req, err = parseParams(r.URL.Query())
	case http.MethodPost:
		req, err = decodeBody(r.Body)
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		writeError(w, &api.Error{Code: api.CodeMethodNotAllowed, Message: fmt.Sprintf("method %s is not allowed; use GET or POST", r.Method)})
		return
	}
	if err != nil {
		writeError(w, api.AsError(err))
		return
	}
	res, err := s.svc.Query(r.Context(), req)
	if err != nil {
		writeError(w, api.AsError(err))
		return
	}
	s.writeResult(w, format, res)
}

// writeResult encodes res in format and sends it with headers that carry
// the query id, the definitions version, whether more rows exist, the
// warning codes and the sources read with their freshness status, so a CSV
// or XLSX client sees them too.
func (s *Server) writeResult(w http.ResponseWriter, format string, res *api.Result) {
	var buf bytes.Buffer
	contentType, err := encodeResult(&buf, format, res)
	if err != nil {
		s.log.Error("encode query result failed", "query_id", res.QueryID, "format", format, "err", err)
		writeError(w, &api.Error{Code: api.CodeInternal, Message: "internal error", Err: err})
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	if format == formatXLSX {
		h.Set("Content-Disposition", `attachment; filename="metricsd.xlsx"`)
	}
	h.Set("X-Query-Id", res.QueryID)
	h.Set("X-Definitions-Version", res.DefinitionsVersion)
	h.Set("X-Has-More", strconv.FormatBool(res.HasMore))
	if len(res.Warnings) > 0 {
		codes := make([]string, len(res.Warnings))
		for i, d := range res.Warnings {
			codes[i] = string(d.Code)
		}
		h.Set("X-Warnings", strings.Join(codes, ","))
	}
	if len(res.Sources) > 0 {
		h.Set("X-Sources", sourcesHeader(res.Sources))
	}
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	w.Write(buf.Bytes())
}

// encodeResult writes res to buf and returns its content type.
func encodeResult(buf *bytes.Buffer, format string, res *api.Result) (string, error) {
	switch format {
	case formatCSV:
		return "text/csv; charset=utf-8", writeCSV(buf, res)
	case formatXLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", writeXLSX(buf, res)
	}
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	return "application/json; charset=utf-8", enc.Encode(newJSONResult(res))
}

// requestFormat reads the format from the path suffix or the format
// parameter; the two must agree when both are given.
func requestFormat(r *http.Request) (string, error) {
	fromPath := ""
	switch rest, ok := strings.CutPrefix(r.URL.Path, "/api/v1/query"); {
	case !ok || (rest != "" && !strings.HasPrefix(rest, ".")):
		return "", &api.Error{Code: api.CodeNotFound, Message: fmt.Sprintf("no endpoint at %s; use /api/v1/query with .json, .csv or .xlsx", r.URL.Path)}
	case rest != "":
		fromPath = rest[1:]
	}
	fromParam := r.URL.Query().Get("format")
	switch {
	case fromPath != "" && fromParam != "" && fromPath != fromParam:
		return "", invalidInput("the path asks for %s but format=%s; use one", fromPath, fromParam)
	case fromPath == "" && fromParam == "":
		return formatJSON, nil
	}
	format := fromPath + fromParam
	if fromPath != "" {
		format = fromPath
	}
	switch format {
	case formatJSON, formatCSV, formatXLSX:
		return format, nil
	}
	return "", invalidInput("unknown format %q; use json, csv or xlsx", format)
}
