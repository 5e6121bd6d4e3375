package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/metricsd/metricsd/graph/model"
	"github.com/metricsd/metricsd/server/api"
)

// Row limits of the query field. A client pages with offset past maxLimit.
const (
	defaultLimit = 1000
	maxLimit     = 10000
)

func (r *queryResolver) Query(ctx context.Context, input model.QueryInput) (*model.QueryResult, error) {
	req, err := convertInput(input)
	if err != nil {
		return nil, err
	}
	res, err := r.Service.Query(ctx, req)
	if err != nil {
		return nil, err
	}
	warnings := convertDiagnostics(res.Warnings)
	if len(warnings) > 0 {
		graphql.RegisterExtension(ctx, "warnings", warnings)
	}
	page := &model.PageInfo{Limit: res.Limit, Offset: res.Offset, HasMore: res.HasMore}
	if res.HasMore {
		next := res.Offset + len(res.Rows)
		page.NextOffset = &next
	}
	return &model.QueryResult{
		QueryID:            res.QueryID,
		Columns:            convertColumns(res.Columns),
		Rows:               convertRows(res.Columns, res.Rows),
		PageInfo:           page,
		DefinitionsVersion: res.DefinitionsVersion,
		Warnings:           warnings,
		Sources:            convertSourceUses(res.Sources),
	}, nil
}

func (r *queryResolver) CompileSQL(ctx context.Context, input model.QueryInput) (*model.CompiledSQL, error) {
	req, err := convertInput(input)
	if err != nil {
		return nil, err
	}
	c, err := r.Service.Compile(ctx, req)
	if err != nil {
		return nil, err
	}
	warnings := convertDiagnostics(c.Warnings)
	if len(warnings) > 0 {
		graphql.RegisterExtension(ctx, "warnings", warnings)
	}
	params := make([]any, len(c.Args))
	copy(params, c.Args)
	return &model.CompiledSQL{
		Dialect:            c.Dialect,
		SQL:                c.SQL,
		Parameters:         params,
		Plan:               c.Plan,
		Columns:            convertColumns(c.Columns),
		DefinitionsVersion: c.DefinitionsVersion,
		Warnings:           warnings,
	}, nil
}

// convertInput maps the GraphQL input to the shared query model and applies
// the row limits of this endpoint.
func convertInput(in model.QueryInput) (api.Request, error) {
	req := api.Request{
		Metrics: in.Metrics,
		GroupBy: in.GroupBy,
		Where:   deref(in.Where),
		Limit:   defaultLimit,
	}
	if in.Limit != nil {
		if *in.Limit < 1 || *in.Limit > maxLimit {
			return req, &api.Error{Code: api.CodeInvalidInput, Message: "limit must be between 1 and 10000; page with offset for more rows"}
		}
		req.Limit = *in.Limit
	}
	if in.Offset != nil {
		if *in.Offset < 0 {
			return req, &api.Error{Code: api.CodeInvalidInput, Message: "offset must not be negative"}
		}
		req.Offset = *in.Offset
	}
	for _, f := range in.Filters {
		req.Filters = append(req.Filters, api.Filter{Dimension: f.Dimension, Op: string(f.Op), Values: f.Values})
	}
	if in.TimeRange != nil {
		req.TimeRange = &api.TimeRange{Start: in.TimeRange.Start, End: in.TimeRange.End}
	}
	req.TimeZone = deref(in.TimeZone)
	req.WeekStart = deref(in.WeekStart)
	if in.FiscalYearStartMonth != nil {
		req.FiscalYearStartMonth = *in.FiscalYearStartMonth
	}
	for _, o := range in.OrderBy {
		req.OrderBy = append(req.OrderBy, api.Order{Name: o.Name, Desc: o.Desc != nil && *o.Desc})
	}
	req.IncludeEmptyDimensionValues = in.IncludeEmptyDimensionValues != nil && *in.IncludeEmptyDimensionValues
	return req, nil
}
