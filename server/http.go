package server

import (
	"context"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/metricsd/metricsd/graph"
	"github.com/metricsd/metricsd/graph/graphiql"
	"github.com/metricsd/metricsd/server/api"
)

// Server is the HTTP front end over a Service.
type Server struct {
	svc     *Service
	log     *slog.Logger
	reg     *prometheus.Registry
	metrics *httpMetrics
}

// NewServer returns the front end over svc. reg receives the HTTP metrics
// and is served at /metrics; nil creates a private registry with the Go
// runtime and process collectors.
func NewServer(svc *Service, log *slog.Logger, reg *prometheus.Registry) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if reg == nil {
		reg = prometheus.NewRegistry()
		reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	return &Server{svc: svc, log: log, reg: reg, metrics: newHTTPMetrics(reg)}
}

// Handler returns every route:
//
//	/                     GraphiQL
//	/graphiql/assets/     GraphiQL scripts and styles, embedded in the binary
//	/graphql              GraphQL (GET, POST)
//	/api/v1/query[.json|.csv|.xlsx]  spreadsheet endpoints (GET, POST)
//	/healthz              the process is up
//	/readyz               definitions loaded and warehouse reachable
//	/metrics              Prometheus
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	gql := graph.NewHandler(s.svc, s.log)
	mux.Handle("/graphql", s.instrument("graphql", limitBody(s.pin(gql))))
	mux.Handle("/api/v1/", s.instrument("api_query", s.recoverPanic(limitBody(s.pin(http.HandlerFunc(s.handleQuery))))))
	mux.HandleFunc("GET /healthz", s.handleHealthz)
	mux.Handle("GET /readyz", s.instrument("readyz", http.HandlerFunc(s.handleReadyz)))
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.reg, promhttp.HandlerOpts{Registry: s.reg}))
	mux.Handle("GET /{$}", graph.NewPlayground("/graphql"))
	mux.Handle("GET "+graphiql.AssetsPath, graphiql.Assets())
	return mux
}

// limitBody caps request bodies at maxBodyBytes, because a GraphQL
// document or a query body is small and the decoders would otherwise read
// whatever a client sends.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		next.ServeHTTP(w, r)
	})
}

// pin fixes the definitions set for the whole request.
func (s *Server) pin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(s.svc.Pin(r.Context())))
	})
}

// instrument records the request latency by route and status code.
func (s *Server) instrument(route string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		s.metrics.requestSeconds.WithLabelValues(route, strconv.Itoa(rec.status)).Observe(time.Since(started).Seconds())
	})
}

// recoverPanic turns a handler panic into a logged INTERNAL error response,
// so one bad request neither drops the connection nor leaks the panic text.
func (s *Server) recoverPanic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p) // net/http's way to abort a response on purpose
			}
			s.log.ErrorContext(r.Context(), "HTTP handler panicked", "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
			writeError(w, &api.Error{Code: api.CodeInternal, Message: "internal error"})
		}()
		next.ServeHTTP(w, r)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyTimeout bounds the warehouse ping of /readyz.
const readyTimeout = 2 * time.Second

func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	status := s.svc.Status(ctx)
	body := map[string]any{"definitionsVersion": status.Version, "lastLoadOk": status.LastLoadOK}
	if err := s.svc.Ready(ctx); err != nil {
		e := api.AsError(err)
		body["status"] = "unavailable"
		body["code"] = e.Code
		body["error"] = e.Message
		writeJSON(w, http.StatusServiceUnavailable, body)
		return
	}
	body["status"] = "ready"
	writeJSON(w, http.StatusOK, body)
}
