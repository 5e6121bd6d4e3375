package server

import (
	"github.com/prometheus/client_golang/prometheus"
)

// serviceMetrics are the service's Prometheus collectors. With a nil
// registerer they are created but never exported, so callers need no nil
// checks.
type serviceMetrics struct {
	warehouseSeconds *prometheus.HistogramVec
	queryErrors      *prometheus.CounterVec
	reloads          *prometheus.CounterVec
	loadedAt         prometheus.Gauge
}

func newServiceMetrics(reg prometheus.Registerer) *serviceMetrics {
	m := &serviceMetrics{
		warehouseSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "metricsd_warehouse_query_duration_seconds",
			Help:    "Time the warehouse took to run a compiled query and return all rows.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16),
		}, []string{"dialect"}),
		queryErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "metricsd_query_errors_total",
			Help: "Failed queries and compilations by error code.",
		}, []string{"code"}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "metricsd_definitions_reloads_total",
			Help: "Definitions load attempts by result: ok, or invalid when the previous set kept serving.",
		}, []string{"result"}),
		loadedAt: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "metricsd_definitions_loaded_timestamp_seconds",
			Help: "Unix time at which the serving definitions set was loaded.",
		}),
	}
	if reg != nil {
		reg.MustRegister(m.warehouseSeconds, m.queryErrors, m.reloads, m.loadedAt)
	}
	return m
}

// httpMetrics are the HTTP front end's collectors.
type httpMetrics struct {
	requestSeconds *prometheus.HistogramVec
}

func newHTTPMetrics(reg prometheus.Registerer) *httpMetrics {
	m := &httpMetrics{
		requestSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "metricsd_http_request_duration_seconds",
			Help:    "HTTP request latency by route and status code.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16),
		}, []string{"route", "code"}),
	}
	if reg != nil {
		reg.MustRegister(m.requestSeconds)
	}
	return m
}
