package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// ShutdownTimeout bounds how long Run waits for in-flight requests after
// its context ends.
const ShutdownTimeout = 15 * time.Second

// Run serves on ln until ctx ends, then stops accepting connections and
// waits up to ShutdownTimeout for in-flight requests. It also watches the
// definitions directory and SIGHUP for reloads and, when the service was
// built with ScheduleLoads, runs the scheduled loads; a load in progress
// at shutdown is cancelled and rolled back before Run returns.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	watchCtx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	s.svc.WatchDefinitions(watchCtx, DefaultDebounce)
	scheduled := s.startScheduledLoads(watchCtx)
	defer func() {
		stopWatch()
		<-scheduled
	}()

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	s.log.Info("serving", "addr", ln.Addr().String(), "dialect", s.svc.Dialect())

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "timeout", ShutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(shutdownCtx)
	if serveErr := <-served; serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	if err != nil {
		return err
	}
	s.log.Info("stopped")
	return nil
}

// startScheduledLoads runs the scheduler in its own goroutine until ctx
// ends, when the service schedules loads. The returned channel is closed
// when the scheduler has stopped.
func (s *Server) startScheduledLoads(ctx context.Context) <-chan struct{} {
	done := make(chan struct{})
	if !s.svc.scheduleLoads {
		close(done)
		return done
	}
	go func() {
		defer close(done)
		if err := s.svc.RunScheduledLoads(ctx); err != nil {
			s.log.Error("scheduled loads failed to start; run metricsd ingest instead", "err", err)
		}
	}()
	return done
}
