package server

import (
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/server/api"
)

// dimensions lists what every named metric can be grouped by; with no
// metrics, every dimension.
func (snap *snapshot) dimensions(metrics []string) ([]api.Dimension, error) {
	dims, diags := snap.model.Dimensions(metrics)
	if diags.HasErrors() {
		return nil, api.DiagError(diags)
	}
	out := make([]api.Dimension, len(dims))
	for i, d := range dims {
		out[i] = api.Dimension{Name: d.Name, Type: d.Type, DataType: d.DataType, Grain: d.Grain, Description: d.Description}
	}
	return out, nil
}

// filterTypes maps every name a structured filter may use to its data
// type: the dimensions the query's metrics share, and each time dimension
// with every grain suffix (metric_time__month).
func (snap *snapshot) filterTypes(metrics []string) (map[string]string, diag.List) {
	dims, diags := snap.model.Dimensions(metrics)
	if diags.HasErrors() {
		return nil, diags
	}
	types := make(map[string]string, len(dims)*(1+len(query.Grains)))
	for _, d := range dims {
		types[d.Name] = d.DataType
		if d.Type != "time" {
			continue
		}
		for _, g := range query.Grains {
			types[d.Name+"__"+g] = d.DataType
		}
	}
	return types, nil
}
