package schedule

import (
	"context"
	"sort"
	"time"

	"github.com/metricsd/metricsd/ingest"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/semantic/timeparse"
)

// job is a source due for loads every `every`.
type job struct {
	src   *model.Source
	every time.Duration
}

// lead loads due sources until ctx ends. Every source is due when
// leadership starts. After a load the source is due one period after its
// previous due time, or one period from now when the load overran.
func (s *Scheduler) lead(ctx context.Context) {
	clock := s.cfg.Clock
	due := map[string]time.Time{}
	invalid := map[string]bool{}
	for {
		jobs := s.jobs(invalid)
		start := clock.Now()
		wake := start.Add(s.cfg.RetryInterval)
		current := map[string]bool{}
		for _, j := range jobs {
			name := j.src.Name
			current[name] = true
			at, ok := due[name]
			if !ok {
				at = start
			}
			if !at.After(clock.Now()) {
				s.load(ctx, j)
				if ctx.Err() != nil {
					return
				}
				at = nextDue(at, j.every, clock.Now())
			}
			due[name] = at
			s.setNext(j, at)
			if at.Before(wake) {
				wake = at
			}
		}
		s.forget(due, current)
		select {
		case <-ctx.Done():
			return
		case <-clock.At(wake):
		}
	}
}

// nextDue keeps the cadence anchored to the first due time unless a load
// ran past the next one.
func nextDue(prev time.Time, every time.Duration, now time.Time) time.Time {
	next := prev.Add(every)
	if !next.After(now) {
		next = now.Add(every)
	}
	return next
}

// jobs lists the file sources with a refresh cadence, by name. A cadence
// that does not parse is logged once per source and skipped; validation
// reports it too.
func (s *Scheduler) jobs(invalid map[string]bool) []job {
	var out []job
	for _, src := range s.cfg.Sources() {
		if src.Location.Files == "" || src.Refresh == "" {
			continue
		}
		every, err := timeparse.ParseDuration(src.Refresh)
		if err != nil {
			if !invalid[src.Name] {
				invalid[src.Name] = true
				s.cfg.Logger.Error("scheduled load skipped: invalid refresh", "source", src.Name, "refresh", src.Refresh, "err", err)
			}
			continue
		}
		out = append(out, job{src: src, every: every})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].src.Name < out[j].src.Name })
	return out
}

// load runs one load, records it and logs one line.
func (s *Scheduler) load(ctx context.Context, j job) {
	start := s.cfg.Clock.Now()
	began := time.Now()
	res, err := ingest.Load(ctx, s.cfg.DB, s.cfg.Dialect, j.src, ingest.Options{BaseDir: s.cfg.BaseDir, Now: s.cfg.Clock.Now})
	run := &LoadRun{Start: start, Duration: time.Since(began), Err: err}
	if res != nil {
		run.LoadID = res.LoadID
		for _, f := range res.Files {
			if f.Skipped {
				run.Skipped++
				continue
			}
			run.Files++
			run.Rows += f.Rows
		}
	}
	s.record(j, run)
	log := s.cfg.Logger.With("source", j.src.Name, "rows", run.Rows, "duration_ms", run.Duration.Milliseconds())
	if err != nil {
		log.Error("scheduled load failed; retrying next period", "refresh", j.src.Refresh, "err", err)
	} else {
		log.Info("scheduled load", "load_id", run.LoadID, "files", run.Files, "skipped", run.Skipped)
	}
	if s.cfg.OnLoad != nil {
		s.cfg.OnLoad(j.src.Name, res, err)
	}
}

func (s *Scheduler) record(j job, run *LoadRun) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.status(j)
	st.Loads++
	if run.Err != nil {
		st.Failures++
	}
	st.Last = run
}

func (s *Scheduler) setNext(j job, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status(j).Next = at
}

// status returns the entry of j, creating it. The caller holds s.mu.
func (s *Scheduler) status(j job) *SourceStatus {
	st, ok := s.runs[j.src.Name]
	if !ok {
		st = &SourceStatus{Source: j.src.Name}
		s.runs[j.src.Name] = st
	}
	st.Refresh = j.every
	return st
}

// forget drops sources that the definitions no longer schedule.
func (s *Scheduler) forget(due map[string]time.Time, current map[string]bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for name := range due {
		if !current[name] {
			delete(due, name)
			delete(s.runs, name)
		}
	}
}
