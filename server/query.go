package server

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/server/api"
)

// Query compiles r with the request's definitions set, runs it on the
// warehouse and returns one page of rows. It logs one line per query.
func (s *Service) Query(ctx context.Context, r api.Request) (*api.Result, error) {
	started := time.Now()
	id := newQueryID()
	res, err := s.runQuery(ctx, id, r)
	rows := 0
	if res != nil {
		rows = len(res.Rows)
	}
	s.logQuery(ctx, "query", id, r, rows, time.Since(started), err)
	if err != nil {
		return nil, err
	}
	return res, nil
}

func (s *Service) runQuery(ctx context.Context, id string, r api.Request) (*api.Result, error) {
	snap, q, c, err := s.compile(ctx, r, true)
	if err != nil {
		return nil, err
	}
	guards, err := s.checkGuards(ctx, snap, q)
	if err != nil {
		return nil, err
	}
	whStarted := time.Now()
	out, err := s.wh.Query(ctx, c.SQL, c.Args)
	s.metrics.warehouseSeconds.WithLabelValues(s.wh.Dialect()).Observe(time.Since(whStarted).Seconds())
	if err != nil {
		return nil, warehouseError(err)
	}
	if len(out.Columns) != len(c.Columns) {
		err := fmt.Errorf("the compiled SQL returned %d columns but the plan describes %d", len(out.Columns), len(c.Columns))
		return nil, &api.Error{Code: api.CodeInternal, Message: "internal error", Err: err}
	}
	rows := out.Rows
	hasMore := r.Limit > 0 && len(rows) > r.Limit
	if hasMore {
		rows = rows[:r.Limit]
	}
	if err := guards.checkResult(ctx, snap.model, c.Columns, rows); err != nil {
		return nil, err
	}
	columns := convertColumns(c.Columns)
	types := make([]string, len(columns))
	for i, c := range columns {
		types[i] = c.Type
	}
	api.LocalizeTimestamps(types, rows, r.TimeZone)
	warnings := append(slices.Clip(c.Warnings), guards.warnings()...)
	return &api.Result{
		QueryID:            id,
		Dialect:            s.wh.Dialect(),
		Columns:            columns,
		Rows:               rows,
		Limit:              r.Limit,
		Offset:             r.Offset,
		HasMore:            hasMore,
		DefinitionsVersion: snap.version,
		Warnings:           warnings,
		Sources:            guards.sources,
	}, nil
}

// Compile renders r to SQL for the serving warehouse without running it.
func (s *Service) Compile(ctx context.Context, r api.Request) (*api.Compiled, error) {
	started := time.Now()
	snap, _, c, err := s.compile(ctx, r, false)
	if err != nil {
		s.logQuery(ctx, "compile", "", r, 0, time.Since(started), err)
		return nil, err
	}
	return &api.Compiled{
		Dialect:            s.wh.Dialect(),
		SQL:                c.SQL,
		Args:               c.Args,
		Plan:               c.Plan,
		Columns:            convertColumns(c.Columns),
		DefinitionsVersion: snap.version,
		Warnings:           c.Warnings,
	}, nil
}

// compile builds the engine query from r and compiles it. With probe set it
// requests one row past the page, so the caller can tell whether more rows
// exist without a second query.
func (s *Service) compile(ctx context.Context, r api.Request, probe bool) (*snapshot, query.Query, *semantic.Compiled, error) {
	snap, err := s.snapshotFor(ctx)
	if err != nil {
		return nil, query.Query{}, nil, err
	}
	q, wrapped, diags := snap.engineQuery(r)
	if diags.HasErrors() {
		return nil, q, nil, api.DiagError(diags)
	}
	if probe && q.Limit > 0 {
		q.Limit++
	}
	c, diags := semantic.Compile(snap.model, q, s.wh.Dialect())
	if wrapped {
		unshiftWhere(diags)
	}
	if diags.HasErrors() {
		return nil, q, nil, api.DiagError(diags)
	}
	return snap, q, c, nil
}

// engineQuery converts r to the engine's query, translating structured
// filters to CEL and ANDing them with the where string. wrapped reports
// that the where string was put in parentheses to do so.
func (snap *snapshot) engineQuery(r api.Request) (q query.Query, wrapped bool, diags diag.List) {
	q = query.Query{
		Metrics:                     r.Metrics,
		GroupBy:                     r.GroupBy,
		Where:                       r.Where,
		TimeZone:                    r.TimeZone,
		WeekStart:                   r.WeekStart,
		FiscalYearStartMonth:        r.FiscalYearStartMonth,
		Limit:                       r.Limit,
		Offset:                      r.Offset,
		IncludeEmptyDimensionValues: r.IncludeEmptyDimensionValues,
	}
	if r.TimeRange != nil {
		q.TimeRange = &query.TimeRange{Start: r.TimeRange.Start, End: r.TimeRange.End}
	}
	for _, o := range r.OrderBy {
		q.OrderBy = append(q.OrderBy, query.Order{Name: o.Name, Desc: o.Desc})
	}
	if len(r.Filters) == 0 {
		return q, false, nil
	}
	types, diags := snap.filterTypes(r.Metrics)
	if diags.HasErrors() {
		return q, false, diags
	}
	cel, diags := filtersCEL(r.Filters, types)
	if diags.HasErrors() {
		return q, false, diags
	}
	if q.Where == "" {
		q.Where = cel
		return q, false, nil
	}
	q.Where = "(" + q.Where + ") && " + cel
	return q, true, nil
}

// unshiftWhere moves diagnostics on the first line of a parenthesized where
// string back by the opening parenthesis, so they point into the text the
// client sent. NOTE: a diagnostic inside the structured filters' part then
// points into CEL the client never wrote; its summary names the filter.
func unshiftWhere(diags diag.List) {
	for i := range diags {
		p := &diags[i].Pos
		if p.File == queryFile && p.Line == 1 && p.Col > 1 {
			p.Col--
		}
	}
}

// queryFile is the file name the engine gives positions in a query's where
// string.
const queryFile = "query"

func convertColumns(cols []semantic.Column) []api.Column {
	out := make([]api.Column, len(cols))
	for i, c := range cols {
		out[i] = api.Column{Name: c.Name, Kind: c.Kind, Type: c.Type, Metric: c.Metric, Version: c.Version, Format: c.Format}
	}
	return out
}
