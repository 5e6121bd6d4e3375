package graph

import (
	"context"

	"github.com/metricsd/metricsd/graph/model"
)

func (r *queryResolver) Metrics(ctx context.Context) ([]*model.Metric, error) {
	metrics, err := r.Service.Metrics(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Metric, len(metrics))
	for i, m := range metrics {
		out[i] = convertMetric(m)
	}
	return out, nil
}

func (r *queryResolver) Metric(ctx context.Context, name string) (*model.Metric, error) {
	metrics, err := r.Service.Metrics(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range metrics {
		if m.Name == name {
			return convertMetric(m), nil
		}
	}
	return nil, nil
}

func (r *queryResolver) Dimensions(ctx context.Context, metrics []string) ([]*model.Dimension, error) {
	dims, err := r.Service.Dimensions(ctx, metrics)
	if err != nil {
		return nil, err
	}
	return convertDimensions(dims), nil
}

func (r *queryResolver) Sources(ctx context.Context) ([]*model.Source, error) {
	sources, err := r.Service.Sources(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Source, len(sources))
	for i, s := range sources {
		out[i] = convertSource(s)
	}
	return out, nil
}

func (r *queryResolver) DefinitionsStatus(ctx context.Context) (*model.DefinitionsStatus, error) {
	s := r.Service.Status(ctx)
	return &model.DefinitionsStatus{
		Version:       s.Version,
		LoadedAt:      s.LoadedAt,
		Directory:     s.Dir,
		Metrics:       s.Metrics,
		LastLoadOk:    s.LastLoadOK,
		LastAttemptAt: s.LastAttemptAt,
		Diagnostics:   convertDiagnostics(s.Diagnostics),
	}, nil
}
