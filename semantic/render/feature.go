package render

import (
	"fmt"

	"github.com/metricsd/metricsd/semantic/plan"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// Feature is a SQL capability a plan may need beyond plain aggregation.
type Feature string

// Features a dialect may lack.
const (
	// FeatureMerge merges the aggregates of several models on the keys.
	FeatureMerge Feature = "merging metrics from several models"
	// FeatureTimeZones converts timestamps to the query time zone.
	FeatureTimeZones Feature = "time zone conversion"
	// FeaturePercentile computes medians and percentiles.
	FeaturePercentile Feature = "continuous percentiles"
)

// UnsupportedError reports a plan that needs a feature the dialect lacks.
type UnsupportedError struct {
	Dialect string
	Feature Feature
}

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("the %s dialect cannot express %s", e.Dialect, e.Feature)
}

// check returns an *UnsupportedError for the first feature p needs that d
// lacks.
func check(p *plan.Plan, d Dialect) error {
	for _, f := range needs(p) {
		if !d.Supports(f) {
			return &UnsupportedError{Dialect: d.Name(), Feature: f}
		}
	}
	return nil
}

// needs lists the features a plan uses.
func needs(p *plan.Plan) []Feature {
	var out []Feature
	if p.Merged() {
		out = append(out, FeatureMerge)
	}
	zones, percentiles := false, false
	for _, s := range p.Sources {
		for _, in := range subPlans(s) {
			out = append(out, needs(in)...)
		}
		for _, k := range s.Keys {
			zones = zones || convertsZone(k, p.TimeZone)
		}
		for _, a := range s.Aggs {
			percentiles = percentiles || usesPercentile(a)
		}
	}
	if zones {
		out = append(out, FeatureTimeZones)
	}
	if percentiles {
		out = append(out, FeaturePercentile)
	}
	return out
}

// convertsZone reports whether reading c converts a time zone.
// NOTE: time columns read by filters are not checked.
func convertsZone(c plan.Column, zone string) bool {
	t := c.Time
	if t == nil || t.Kind == resolve.Date {
		return false
	}
	return t.Kind != resolve.Timestamp || zone != "UTC"
}
