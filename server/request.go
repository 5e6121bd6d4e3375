package server

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/metricsd/metricsd/server/api"
)

// Row limits of the spreadsheet endpoints. They are higher than GraphQL's
// because a spreadsheet import has no way to page.
const (
	spreadsheetDefaultLimit = 10000
	spreadsheetMaxLimit     = 100000
	maxBodyBytes            = 1 << 20 // request bodies, GraphQL and POST /api/v1/query
)

// queryParams are the GET parameters of /api/v1/query. Lists are comma
// separated, so a URL works as a Google Sheets IMPORTDATA or an Excel Power
// Query source, e.g.
//
//	/api/v1/query.csv?metrics=leads,qualified_leads&group_by=metric_time__month&time_range=2025-01-01,2025-06-30
//
// order_by takes names with a leading "-" for descending; filter (repeatable)
// takes dimension:OP:value1,value2.
var queryParams = map[string]bool{
	"metrics": true, "group_by": true, "where": true, "filter": true,
	"time_range": true, "start": true, "end": true, "time_zone": true,
	"week_start": true, "fiscal_year_start_month": true, "order_by": true,
	"limit": true, "offset": true, "include_empty": true, "format": true,
}

// parseParams reads a request from GET parameters. Unknown parameters are
// rejected so a typo does not silently drop a filter.
func parseParams(v url.Values) (api.Request, error) {
	req := api.Request{Limit: spreadsheetDefaultLimit}
	for key := range v {
		if !queryParams[key] {
			return req, invalidInput("unknown query parameter %q; known parameters: metrics, group_by, where, filter, time_range, start, end, time_zone, week_start, fiscal_year_start_month, order_by, limit, offset, include_empty, format", key)
		}
	}
	req.Metrics = splitList(v.Get("metrics"))
	req.GroupBy = splitList(v.Get("group_by"))
	req.Where = v.Get("where")
	req.TimeZone = v.Get("time_zone")
	req.WeekStart = v.Get("week_start")
	for _, raw := range v["filter"] {
		f, err := parseFilterParam(raw)
		if err != nil {
			return req, err
		}
		req.Filters = append(req.Filters, f)
	}
	tr, err := parseTimeRange(v.Get("time_range"), v.Get("start"), v.Get("end"))
	if err != nil {
		return req, err
	}
	req.TimeRange = tr
	for _, name := range splitList(v.Get("order_by")) {
		if desc, ok := strings.CutPrefix(name, "-"); ok {
			req.OrderBy = append(req.OrderBy, api.Order{Name: desc, Desc: true})
			continue
		}
		req.OrderBy = append(req.OrderBy, api.Order{Name: name})
	}
	if req.FiscalYearStartMonth, err = intParam(v, "fiscal_year_start_month", 0); err != nil {
		return req, err
	}
	if req.Limit, err = intParam(v, "limit", spreadsheetDefaultLimit); err != nil {
		return req, err
	}
	if req.Offset, err = intParam(v, "offset", 0); err != nil {
		return req, err
	}
	if s := v.Get("include_empty"); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			return req, invalidInput("include_empty=%q is not a boolean; use true or false", s)
		}
		req.IncludeEmptyDimensionValues = b
	}
	return req, checkPaging(req)
}

func parseTimeRange(pair, start, end string) (*api.TimeRange, error) {
	if pair != "" {
		s, e, ok := strings.Cut(pair, ",")
		if !ok || s == "" || e == "" {
			return nil, invalidInput("time_range=%q must be start,end, e.g. 2025-01-01,2025-06-30", pair)
		}
		return &api.TimeRange{Start: strings.TrimSpace(s), End: strings.TrimSpace(e)}, nil
	}
	if start == "" && end == "" {
		return nil, nil
	}
	return &api.TimeRange{Start: start, End: end}, nil
}

func parseFilterParam(raw string) (api.Filter, error) {
	parts := strings.SplitN(raw, ":", 3)
	if len(parts) < 2 || parts[0] == "" {
		return api.Filter{}, invalidInput("filter=%q must be dimension:OP[:value,value...], e.g. lead__channel:IN:google,meta", raw)
	}
	f := api.Filter{Dimension: parts[0], Op: strings.ToUpper(parts[1])}
	if len(parts) == 3 {
		f.Values = strings.Split(parts[2], ",")
	}
	return f, nil
}

func intParam(v url.Values, key string, def int) (int, error) {
	s := v.Get(key)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, invalidInput("%s=%q is not a whole number", key, s)
	}
	return n, nil
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// bodyRequest is the POST body of /api/v1/query: the GraphQL QueryInput
// with the same field names.
type bodyRequest struct {
	Metrics []string `json:"metrics"`
	GroupBy []string `json:"groupBy"`
	Where   string   `json:"where"`
	Filters []struct {
		Dimension string   `json:"dimension"`
		Op        string   `json:"op"`
		Values    []string `json:"values"`
	} `json:"filters"`
	TimeRange *struct {
		Start string `json:"start"`
		End   string `json:"end"`
	} `json:"timeRange"`
	TimeZone                    string      `json:"timeZone"`
	WeekStart                   string      `json:"weekStart"`
	FiscalYearStartMonth        int         `json:"fiscalYearStartMonth"`
	OrderBy                     []api.Order `json:"orderBy"`
	Limit                       *int        `json:"limit"`
	Offset                      int         `json:"offset"`
	IncludeEmptyDimensionValues bool        `json:"includeEmptyDimensionValues"`
}

// decodeBody reads a POST body. Unknown fields are rejected for the same
// reason as unknown GET parameters.
func decodeBody(r io.Reader) (api.Request, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var b bodyRequest
	if err := dec.Decode(&b); err != nil {
		return api.Request{}, invalidInput("invalid JSON body: %v", err)
	}
	req := api.Request{
		Metrics:                     b.Metrics,
		GroupBy:                     b.GroupBy,
		Where:                       b.Where,
		TimeZone:                    b.TimeZone,
		WeekStart:                   b.WeekStart,
		FiscalYearStartMonth:        b.FiscalYearStartMonth,
		OrderBy:                     b.OrderBy,
		Limit:                       spreadsheetDefaultLimit,
		Offset:                      b.Offset,
		IncludeEmptyDimensionValues: b.IncludeEmptyDimensionValues,
	}
	if b.Limit != nil {
		req.Limit = *b.Limit
	}
	for _, f := range b.Filters {
		req.Filters = append(req.Filters, api.Filter{Dimension: f.Dimension, Op: strings.ToUpper(f.Op), Values: f.Values})
	}
	if b.TimeRange != nil {
		req.TimeRange = &api.TimeRange{Start: b.TimeRange.Start, End: b.TimeRange.End}
	}
	return req, checkPaging(req)
}

func checkPaging(req api.Request) error {
	if req.Limit < 1 || req.Limit > spreadsheetMaxLimit {
		return invalidInput("limit=%d must be between 1 and %d; page with offset for more rows", req.Limit, spreadsheetMaxLimit)
	}
	if req.Offset < 0 {
		return invalidInput("offset=%d must not be negative", req.Offset)
	}
	return nil
}

func invalidInput(format string, args ...any) *api.Error {
	return &api.Error{Code: api.CodeInvalidInput, Message: fmt.Sprintf(format, args...)}
}
