package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/metricsd/metricsd/demo"
	"github.com/metricsd/metricsd/demo/withidentity"
	"github.com/metricsd/metricsd/server"
	"github.com/metricsd/metricsd/warehouse"
)

// demoSeed fixes the demo data, so every zero-config server shows the same
// numbers. Only the dates move, by whole weeks, with the demo's end.
const demoSeed = 1

// serveConfig is the parsed command line of serve.
type serveConfig struct {
	addr, dsn, definitions, dataDir string
	loadDemo, scheduleLoads         bool
	lockKey                         int64
	// demoEnd is the requested last day of the demo data: today, so the
	// demo's sources look recent. The demo moves it back to the Monday on
	// or before it, so the newest data is up to six days old and the
	// 36-hour ad spend guards of the reference definitions may still warn.
	demoEnd  time.Time
	logLevel slog.Level
}

// runServe starts the HTTP server and blocks until ctx ends (SIGINT or
// SIGTERM), then shuts down gracefully. With no --dsn it opens an in-memory
// DuckDB loaded with the demo business.
func runServe(ctx context.Context, s streams, args []string) int {
	cfg, code := parseServeFlags(s, args)
	if code >= 0 {
		return code
	}
	log := slog.New(slog.NewJSONHandler(s.stderr, &slog.HandlerOptions{Level: cfg.logLevel}))
	if err := serve(ctx, cfg, log, nil); err != nil {
		log.Error("metricsd serve failed", "err", err)
		return exitFail
	}
	return exitOK
}

// parseServeFlags returns the config, or an exit code >= 0 when the command
// should stop (usage error or -h).
func parseServeFlags(s streams, args []string) (serveConfig, int) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(s.stderr)
	var cfg serveConfig
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "listen address, host:port")
	fs.StringVar(&cfg.dsn, "dsn", "", "warehouse: duckdb:PATH, or a postgres:// URL (default: in-memory DuckDB with the demo data)")
	fs.StringVar(&cfg.definitions, "definitions", "definitions", "definitions directory, watched for changes")
	fs.BoolVar(&cfg.loadDemo, "load-demo", false, "create the demo tables and the identity tables in --dsn and fill them, ending in the current week; fails when any already exists (always on without --dsn)")
	fs.StringVar(&cfg.dataDir, "data-dir", "", "directory that relative location.files globs start from (default: the definitions directory)")
	fs.BoolVar(&cfg.scheduleLoads, "schedule-loads", true, "load file sources on their refresh cadence; with several replicas only the leader loads")
	fs.Int64Var(&cfg.lockKey, "lock-key", 0, "PostgreSQL advisory lock key of the scheduled-loads leader (default 0: the built-in key); give deployments that share a database different keys")
	level := fs.String("log-level", "info", "log level: debug, info, warn or error")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, exitOK
		}
		return cfg, exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(s.stderr, "metricsd serve: unexpected argument %q\n", fs.Arg(0))
		return cfg, exitUsage
	}
	if err := cfg.logLevel.UnmarshalText([]byte(*level)); err != nil {
		fmt.Fprintf(s.stderr, "metricsd serve: invalid --log-level %q: use debug, info, warn or error\n", *level)
		return cfg, exitUsage
	}
	if cfg.dsn == "" {
		cfg.dsn = "duckdb:"
		cfg.loadDemo = true
	}
	cfg.demoEnd = time.Now().UTC()
	return cfg, -1
}

// serve runs the server until ctx ends. ready, when not nil, receives the
// listen address once the server accepts connections.
func serve(ctx context.Context, cfg serveConfig, log *slog.Logger, ready chan<- string) error {
	wh, err := warehouse.Open(ctx, cfg.dsn, warehouse.Options{})
	if err != nil {
		return err
	}
	defer wh.Close()
	if cfg.loadDemo {
		started := time.Now()
		stats, report, err := withidentity.Load(ctx, wh, demo.Config{Seed: demoSeed, End: cfg.demoEnd}, demo.LoadOptions{})
		if err != nil {
			return err
		}
		log.Info("demo data loaded", "dialect", wh.Dialect(), "tables", fmt.Sprint(stats), "requested_end", cfg.demoEnd.Format(time.DateOnly), "customers", report.Result.Stats.Customers, "duration_ms", time.Since(started).Milliseconds())
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	svc := server.NewService(server.ServiceOptions{
		Dir: cfg.definitions, DataDir: cfg.dataDir, Warehouse: wh, Logger: log, Registerer: reg,
		ScheduleLoads: cfg.scheduleLoads, LockKey: cfg.lockKey,
	})
	if err := svc.Reload(ctx); err != nil {
		return fmt.Errorf("%w; run 'metricsd validate %s' for the diagnostics", err, cfg.definitions)
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	if ready != nil {
		ready <- ln.Addr().String()
	}
	return server.NewServer(svc, log, reg).Run(ctx, ln)
}
