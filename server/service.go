// Package server wires metricsd's HTTP front ends (GraphQL, the spreadsheet
// endpoints, ops) to the semantic engine and the warehouse, and keeps the
// serving definitions set current with validated hot reloads.
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/metricsd/metricsd/guard"
	"github.com/metricsd/metricsd/schedule"
	"github.com/metricsd/metricsd/server/api"
	"github.com/metricsd/metricsd/warehouse"
)

// Service compiles and runs queries against one warehouse with the serving
// definitions set. It implements api.Service and is safe for concurrent use.
type Service struct {
	wh      *warehouse.Warehouse
	dir     string
	log     *slog.Logger
	metrics *serviceMetrics
	// now is the clock that ages sources and guards read.
	now func() time.Time
	// statuses keeps the sources' freshness for a short time, so a query
	// does not read every source's newest value and the load ledger.
	statuses *guard.StatusCache
	// dataDir is the directory relative file globs of scheduled loads
	// start from.
	dataDir string
	// scheduleLoads makes Server.Run start RunScheduledLoads.
	scheduleLoads bool
	lockKey       int64
	// sched is the running scheduler, nil while none runs.
	sched atomic.Pointer[schedule.Scheduler]

	// state holds the serving definitions set and the last load attempt.
	// Reload replaces it whole, so a request that loaded the set keeps a
	// consistent one until it finishes, and Status never pairs a set with
	// another reload's outcome.
	state atomic.Pointer[defsState]
	// reloadMu serializes reloads; queries never take it.
	reloadMu sync.Mutex
}

var _ api.Service = (*Service)(nil)

// ServiceOptions configure NewService.
type ServiceOptions struct {
	// Dir is the definitions directory.
	Dir       string
	Warehouse *warehouse.Warehouse
	Logger    *slog.Logger
	// Registerer receives the service's Prometheus metrics; nil skips them.
	Registerer prometheus.Registerer
	// FreshnessTTL is how long computed source freshness is reused;
	// DefaultFreshnessTTL when 0.
	FreshnessTTL time.Duration
	// DataDir is the directory relative location.files globs start from
	// in scheduled loads; Dir when empty.
	DataDir string
	// Now is the clock that source ages and guards are judged by;
	// time.Now when nil. Tests fix it.
	Now func() time.Time
	// ScheduleLoads makes Server.Run load file sources on their refresh
	// cadence (see RunScheduledLoads).
	ScheduleLoads bool
	// LockKey is the PostgreSQL advisory lock key of the scheduler leader;
	// schedule.DefaultLockKey when 0. The lock is per database, so
	// deployments in different schemas of one database need different
	// keys.
	LockKey int64
}

// DefaultFreshnessTTL is how long a server reuses the sources' freshness.
// A source's age still moves with the clock in between, but its status
// is the one computed at the last refresh.
const DefaultFreshnessTTL = 10 * time.Second

// NewService returns a service with no definitions loaded: call Reload
// before serving. Queries fail with DEFINITIONS_NOT_LOADED until then.
func NewService(opts ServiceOptions) *Service {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ttl := opts.FreshnessTTL
	if ttl <= 0 {
		ttl = DefaultFreshnessTTL
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	dataDir := opts.DataDir
	if dataDir == "" {
		dataDir = opts.Dir
	}
	return &Service{
		wh:       opts.Warehouse,
		dir:      opts.Dir,
		log:      log,
		metrics:  newServiceMetrics(opts.Registerer),
		now:      now,
		statuses: guard.NewStatusCache(opts.Warehouse.DB().DB, opts.Warehouse.Dialect(), ttl),
		dataDir:  dataDir,

		scheduleLoads: opts.ScheduleLoads,
		lockKey:       opts.LockKey,
	}
}

type pinKey struct{}

// Pin returns ctx carrying the serving definitions set, so every call made
// with it (all resolvers of one GraphQL request) uses that set even when a
// reload swaps in another one meanwhile.
func (s *Service) Pin(ctx context.Context) context.Context {
	snap := s.serving()
	if snap == nil {
		return ctx
	}
	return context.WithValue(ctx, pinKey{}, snap)
}

// snapshotFor returns the set pinned in ctx, else the serving one.
func (s *Service) snapshotFor(ctx context.Context) (*snapshot, error) {
	if snap, ok := ctx.Value(pinKey{}).(*snapshot); ok {
		return snap, nil
	}
	if snap := s.serving(); snap != nil {
		return snap, nil
	}
	return nil, &api.Error{Code: api.CodeNotLoaded, Message: "no valid definitions set is loaded; see definitionsStatus for its diagnostics"}
}

// Ready reports whether the service can run queries: a definitions set is
// loaded and the warehouse responds to a ping.
func (s *Service) Ready(ctx context.Context) error {
	if _, err := s.snapshotFor(context.Background()); err != nil {
		return err
	}
	if err := s.wh.Ping(ctx); err != nil {
		return warehouseError(err)
	}
	return nil
}

// Dialect returns the warehouse dialect, "duckdb" or "postgres".
func (s *Service) Dialect() string { return s.wh.Dialect() }

func newQueryID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
