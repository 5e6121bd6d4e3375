package guard

import (
	"context"
	"database/sql"
	"sync"
	"time"

	"github.com/metricsd/metricsd/catalog"
	"github.com/metricsd/metricsd/semantic/model"
)

// StatusCache keeps the catalog statuses for a short time, so queries do
// not each read the newest value of every source and the ingest ledger.
// It is safe for concurrent use, and callers wait while one of them
// refreshes.
type StatusCache struct {
	db      *sql.DB
	dialect string
	ttl     time.Duration

	mu       sync.Mutex
	sources  []*model.Source // the slice the statuses were computed for
	at       time.Time
	statuses []catalog.Status
}

// NewStatusCache returns a cache over the warehouse db that recomputes the
// statuses when they are older than ttl.
func NewStatusCache(db *sql.DB, dialect string, ttl time.Duration) *StatusCache {
	return &StatusCache{db: db, dialect: dialect, ttl: ttl}
}

// Statuses returns the statuses of sources at now, computed at most ttl
// earlier for the same sources slice (a reload of the definitions passes
// a new slice, which recomputes). Age is recomputed from Newest at now.
//
// NOTE: State and Reason are those of the computation time, so a source
// can cross its warn or error age up to ttl before its state shows it.
// Guards read the recomputed age.
func (c *StatusCache) Statuses(ctx context.Context, sources []*model.Source, now time.Time) ([]catalog.Status, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.fresh(sources, now) {
		statuses, err := catalog.Freshness(ctx, c.db, c.dialect, sources, now)
		if err != nil {
			return nil, err
		}
		c.sources, c.at, c.statuses = sources, now, statuses
	}
	out := make([]catalog.Status, len(c.statuses))
	copy(out, c.statuses)
	for i := range out {
		if out[i].Newest != nil {
			age := now.Sub(*out[i].Newest)
			out[i].Age = &age
		}
	}
	return out, nil
}

// Invalidate makes the next Statuses call recompute, for example after a
// load changed a source.
func (c *StatusCache) Invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.statuses, c.sources = nil, nil
}

// fresh reports whether the cached statuses belong to sources and are
// younger than the ttl at now. The caller holds c.mu.
func (c *StatusCache) fresh(sources []*model.Source, now time.Time) bool {
	if c.statuses == nil || len(sources) != len(c.sources) {
		return false
	}
	for i := range sources {
		if sources[i] != c.sources[i] {
			return false
		}
	}
	age := now.Sub(c.at)
	return age >= 0 && age < c.ttl
}
