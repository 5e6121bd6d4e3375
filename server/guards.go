package server

import (
	"context"
	"fmt"
	"time"

	"github.com/metricsd/metricsd/catalog"
	"github.com/metricsd/metricsd/guard"
	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/server/api"
)

// codeGuardFailed is the error code of a query that an error guard
// rejects.
const codeGuardFailed = string(diag.GuardFailed)

// guardRun is the guard state of one query: the source statuses the
// guards read, the time they are judged at, and the findings so far.
type guardRun struct {
	statuses []catalog.Status
	now      time.Time
	findings guard.Findings
	sources  []api.SourceFreshness
}

// checkGuards evaluates the guards of q's metrics over the sources'
// freshness before the query runs, and lists the sources q reads. An
// error guard that holds rejects the whole query with GUARD_FAILED.
func (s *Service) checkGuards(ctx context.Context, snap *snapshot, q query.Query) (*guardRun, error) {
	now := s.now()
	statuses, reason := s.sourceStatuses(ctx, snap, now)
	run := &guardRun{statuses: statuses, now: now}
	run.findings = guard.Check(ctx, snap.model, q.Metrics, statuses, now)
	if err := rejection(run.findings); err != nil {
		return nil, err
	}
	names, diags := snap.model.SourcesOfQuery(q)
	if diags.HasErrors() {
		// SourcesOfQuery plans the query that just compiled, so an error
		// means the planner and the compiler disagree. The result then
		// lists the metrics' sources without the joined models.
		s.log.ErrorContext(ctx, "list the sources of a compiled query failed", "metrics", q.Metrics, "err", diags.Err())
		names = snap.model.SourcesOf(q.Metrics)
	}
	run.sources = usedSources(names, statuses, reason)
	return run, nil
}

// checkResult evaluates the guards that read the result (value or rows)
// of each metric column over the returned page, and rejects the query
// when an error guard holds.
func (run *guardRun) checkResult(ctx context.Context, m *semantic.Model, cols []semantic.Column, rows [][]any) error {
	found := guard.CheckColumns(ctx, m, cols, rows, run.statuses, run.now)
	if err := rejection(found); err != nil {
		return err
	}
	run.findings = append(run.findings, found...)
	return nil
}

// warnings returns the GUARD_WARNING diagnostics of the findings.
func (run *guardRun) warnings() diag.List {
	var out diag.List
	for _, d := range run.findings.Diagnostics() {
		if d.Severity == diag.Warning {
			out = append(out, d)
		}
	}
	return out
}

// rejection returns the GUARD_FAILED error of the findings, or nil when
// no error guard holds. The message names the first rejected metric, the
// metric whose guard rejects it and the guard's position; the extensions
// carry every error finding.
func rejection(fs guard.Findings) *api.Error {
	var rejects guard.Findings
	for _, f := range fs {
		if f.Severity == diag.Error {
			rejects = append(rejects, f)
		}
	}
	if len(rejects) == 0 {
		return nil
	}
	f := rejects[0]
	msg := fmt.Sprintf("metric %s is rejected by its guard at %s: %s", f.Metric, f.Pos, f.Message)
	if f.Owner != f.Metric {
		msg = fmt.Sprintf("metric %s is rejected by the guard of %s, which it reads, at %s: %s", f.Metric, f.Owner, f.Pos, f.Message)
	}
	if len(rejects) > 1 {
		msg += fmt.Sprintf(" (%d guard findings in all, listed in diagnostics)", len(rejects))
	}
	return &api.Error{Code: codeGuardFailed, Message: msg, Diagnostics: rejects.Diagnostics()}
}
