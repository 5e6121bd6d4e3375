package server

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/metricsd/metricsd/server/api"
)

// logQuery writes the one log line of a query or compilation and counts its
// error code.
func (s *Service) logQuery(ctx context.Context, kind, id string, r api.Request, rows int, d time.Duration, err error) {
	attrs := []slog.Attr{
		slog.String("query_id", id),
		slog.String("metrics", strings.Join(r.Metrics, ",")),
		slog.String("dialect", s.wh.Dialect()),
		slog.Int("rows", rows),
		slog.Float64("duration_ms", float64(d.Microseconds())/1000),
	}
	if err == nil {
		s.log.LogAttrs(ctx, slog.LevelInfo, kind, attrs...)
		return
	}
	e := api.AsError(err)
	s.metrics.queryErrors.WithLabelValues(e.Code).Inc()
	attrs = append(attrs, slog.String("code", e.Code), slog.String("err", e.Error()))
	if e.Err != nil {
		attrs = append(attrs, slog.String("cause", e.Err.Error()))
	}
	level := slog.LevelWarn // the client's query was wrong
	if httpStatus(e.Code) >= 500 {
		level = slog.LevelError
	}
	s.log.LogAttrs(ctx, level, kind, attrs...)
}
