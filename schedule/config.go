package schedule

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/metricsd/metricsd/ingest"
	"github.com/metricsd/metricsd/semantic/model"
)

// DefaultLockKey is the PostgreSQL advisory lock key of the scheduler
// leader (the bytes of "mtrcsd_s"). It differs from the key ingest holds
// during each load transaction.
const DefaultLockKey int64 = 0x6d747263_73645f73

// DefaultRetryInterval is how often a follower tries to take leadership,
// how often the leader checks its lock connection, and the longest the
// leader waits before looking at the sources again.
const DefaultRetryInterval = 15 * time.Second

// Config configures a Scheduler.
type Config struct {
	// DB is the warehouse that loads write into.
	DB *sql.DB
	// Dialect is "duckdb" or "postgres".
	Dialect string
	// Sources returns the current sources. The scheduler calls it before
	// each round, so reloaded definitions take effect without a restart.
	// Only sources with location.files and a refresh cadence are loaded.
	Sources func() []*model.Source
	// BaseDir is the directory relative file globs start from.
	BaseDir string
	// Logger receives one line per load and each leadership change;
	// nothing is logged when nil.
	Logger *slog.Logger
	// LockKey is the PostgreSQL advisory lock key; DefaultLockKey when 0.
	// Replicas that share a database must use the same key.
	LockKey int64
	// RetryInterval is DefaultRetryInterval when 0.
	RetryInterval time.Duration
	// Clock is the wall clock when nil.
	Clock Clock
	// OnLoad, when set, is called after every load attempt, for example to
	// refresh cached freshness. res is nil when err is not.
	OnLoad func(source string, res *ingest.Result, err error)
}

// withDefaults checks cfg and fills its defaults.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.DB == nil {
		return cfg, errors.New("schedule: Config.DB is nil: pass the warehouse's *sql.DB")
	}
	if cfg.Dialect != ingest.DialectDuckDB && cfg.Dialect != ingest.DialectPostgres {
		return cfg, fmt.Errorf("schedule: unknown dialect %q: use duckdb or postgres", cfg.Dialect)
	}
	if cfg.Sources == nil {
		return cfg, errors.New("schedule: Config.Sources is nil: pass a function returning the current sources")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.LockKey == 0 {
		cfg.LockKey = DefaultLockKey
	}
	if cfg.RetryInterval <= 0 {
		cfg.RetryInterval = DefaultRetryInterval
	}
	if cfg.Clock == nil {
		cfg.Clock = realClock{}
	}
	return cfg, nil
}
