package server

import (
	"context"
	"time"

	"github.com/metricsd/metricsd/identity"
	"github.com/metricsd/metricsd/ingest"
	"github.com/metricsd/metricsd/schedule"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/server/api"
)

// RunScheduledLoads loads every source of the serving definitions that has
// location.files and a refresh cadence, on that cadence, until ctx ends.
// Only the leader among the replicas sharing the warehouse loads (see
// package schedule). Relative file globs start from the data directory.
// Each load attempt drops the cached freshness, so the next query sees
// the new data. It returns an error only when the scheduler cannot start.
func (s *Service) RunScheduledLoads(ctx context.Context) error {
	sched, err := schedule.New(schedule.Config{
		DB:      s.wh.DB().DB,
		Dialect: s.wh.Dialect(),
		Sources: s.servingSources,
		BaseDir: s.dataDir,
		Logger:  s.log,
		LockKey: s.lockKey,
		OnLoad: func(source string, res *ingest.Result, err error) {
			s.InvalidateFreshness()
			if err == nil && wroteRows(res) {
				s.resolveIdentities(ctx, source)
			}
		},
	})
	if err != nil {
		return err
	}
	s.sched.Store(sched)
	return sched.Run(ctx)
}

// wroteRows reports whether a load wrote any file, as opposed to skipping
// every file the ledger already holds.
func wroteRows(res *ingest.Result) bool {
	if res == nil {
		return false
	}
	for _, f := range res.Files {
		if !f.Skipped {
			return true
		}
	}
	return false
}

// resolveIdentities reruns identity resolution for every identity of the
// serving definitions whose carriers read source, so identity_map covers the
// records just loaded. A run the churn guard rejects is logged, not forced:
// an operator reviews it with metricsd identity resolve.
func (s *Service) resolveIdentities(ctx context.Context, source string) {
	snap := s.serving()
	if snap == nil {
		return
	}
	for _, id := range snap.set.Identities {
		if !carries(id, source) {
			continue
		}
		started := time.Now()
		report, diags, err := identity.ResolveDefinitions(ctx, s.wh.DB().DB, s.wh.Dialect(), snap.set, identity.ResolveOptions{Identity: id.Name})
		if err == nil {
			err = diags.Err()
		}
		if err != nil {
			s.log.ErrorContext(ctx, "identity resolution after a scheduled load failed", "identity", id.Name, "source", source, "err", err)
			continue
		}
		ch := report.Assignment.Changes
		s.log.InfoContext(ctx, "identity resolved after a scheduled load", "identity", id.Name, "source", source, "run", report.Run,
			"records", len(report.Result.Records), "new", ch.New, "merged", ch.Merged, "split", ch.Split, "moved", ch.Moved,
			"duration_ms", time.Since(started).Milliseconds())
	}
}

// carries reports whether one of id's carriers reads source.
func carries(id *model.Identity, source string) bool {
	for _, c := range id.Carriers {
		if c.Source == source {
			return true
		}
	}
	return false
}

// servingSources returns the sources of the serving definitions set, nil
// before the first valid load.
func (s *Service) servingSources() []*model.Source {
	if snap := s.serving(); snap != nil {
		return snap.set.Sources
	}
	return nil
}

// schedulerStatus returns the scheduled sources by name, nil when the
// scheduler does not run.
func (s *Service) schedulerStatus() map[string]schedule.SourceStatus {
	sched := s.sched.Load()
	if sched == nil {
		return nil
	}
	out := map[string]schedule.SourceStatus{}
	for _, st := range sched.Status() {
		out[st.Source] = st
	}
	return out
}

func loadSchedule(st schedule.SourceStatus) *api.LoadSchedule {
	out := &api.LoadSchedule{Next: st.Next, Loads: st.Loads, Failures: st.Failures}
	if st.Last != nil {
		out.LastAttempt = st.Last.Start
		if st.Last.Err != nil {
			out.LastError = st.Last.Err.Error()
		}
	}
	return out
}
