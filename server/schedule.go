package server

import (
	"context"

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
		OnLoad:  func(string, *ingest.Result, error) { s.InvalidateFreshness() },
	})
	if err != nil {
		return err
	}
	s.sched.Store(sched)
	return sched.Run(ctx)
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
