// Package graph serves the GraphQL API. Resolvers are adapters: each
// converts its input, makes one call on api.Service and converts the
// output. Business logic lives behind the service.
package graph

import (
	"context"

	"github.com/metricsd/metricsd/graph/model"
	"github.com/metricsd/metricsd/server/api"
)

// Resolver is the root resolver.
type Resolver struct {
	Service api.Service
}

// Query returns the resolver of the Query type.
func (r *Resolver) Query() QueryResolver { return &queryResolver{r} }

// Metric returns the resolver of the Metric type.
func (r *Resolver) Metric() MetricResolver { return &metricResolver{r} }

type queryResolver struct{ *Resolver }

type metricResolver struct{ *Resolver }

// Dimensions lists what the metric can be grouped by.
func (r *metricResolver) Dimensions(ctx context.Context, obj *model.Metric) ([]*model.Dimension, error) {
	dims, err := r.Service.Dimensions(ctx, []string{obj.Name})
	if err != nil {
		return nil, err
	}
	return convertDimensions(dims), nil
}
