package graph

import (
	"strings"

	"github.com/metricsd/metricsd/graph/model"
	"github.com/metricsd/metricsd/semantic/diag"
	semmodel "github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/server/api"
)

func convertMetric(m api.Metric) *model.Metric {
	return &model.Metric{
		Name:        m.Name,
		Version:     m.Version,
		Type:        m.Type,
		Label:       optional(m.Label),
		Description: optional(m.Description),
		Owner:       optional(m.Owner),
		Format:      convertFormat(m.Format),
		Deprecated:  optional(m.Deprecated),
		ReplacedBy:  optional(m.ReplacedBy),
	}
}

func convertDimensions(dims []api.Dimension) []*model.Dimension {
	out := make([]*model.Dimension, len(dims))
	for i, d := range dims {
		out[i] = &model.Dimension{
			Name:        d.Name,
			Type:        d.Type,
			DataType:    d.DataType,
			Grain:       optional(d.Grain),
			Description: optional(d.Description),
		}
	}
	return out
}

func convertFormat(f *semmodel.Format) *model.Format {
	if f == nil {
		return nil
	}
	return &model.Format{Type: f.Type, Currency: optional(f.Currency), Decimals: f.Decimals, Unit: optional(f.Unit)}
}

func convertColumns(cols []api.Column) []*model.Column {
	out := make([]*model.Column, len(cols))
	for i, c := range cols {
		col := &model.Column{
			Name:   c.Name,
			Kind:   model.ColumnKind(strings.ToUpper(c.Kind)),
			Type:   c.Type,
			Format: convertFormat(c.Format),
		}
		if c.Kind == api.KindMetric {
			col.Metric = optional(c.Metric)
			version := c.Version
			col.MetricVersion = &version
		}
		out[i] = col
	}
	return out
}

// convertRows writes date columns as "2006-01-02" and leaves every other
// value to the Value scalar, which encodes it by its Go type.
func convertRows(cols []api.Column, rows [][]any) [][]any {
	out := make([][]any, len(rows))
	for i, row := range rows {
		cells := make([]any, len(row))
		for j, v := range row {
			cells[j] = api.CellValue(v, cols[j].Type)
		}
		out[i] = cells
	}
	return out
}

// convertDiagnostics never returns nil, because the schema declares the
// lists non-null.
func convertDiagnostics(l diag.List) []*model.Diagnostic {
	out := make([]*model.Diagnostic, 0, len(l))
	for _, d := range l {
		out = append(out, convertDiagnostic(d))
	}
	return out
}

func convertDiagnostic(d diag.Diagnostic) *model.Diagnostic {
	m := &model.Diagnostic{
		Severity:    d.Severity.String(),
		Code:        string(d.Code),
		Summary:     d.Summary,
		Detail:      optional(d.Detail),
		Suggestions: d.Suggestions,
	}
	if m.Suggestions == nil {
		m.Suggestions = []string{}
	}
	if !d.Pos.IsZero() {
		m.Position = &model.Position{File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col}
	}
	return m
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
