package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/server/api"
)

// snapshot is one validated definitions set with its catalog, immutable
// once built.
type snapshot struct {
	model    *semantic.Model
	set      *model.Set
	version  string
	loadedAt time.Time
	warnings diag.List
	metrics  []api.Metric
	sources  []api.Source
}

// loadAttempt is the outcome of one Reload.
type loadAttempt struct {
	at    time.Time
	ok    bool
	diags diag.List
}

// defsState is the serving set (nil before the first valid load) and the
// last load attempt.
type defsState struct {
	serving *snapshot
	attempt loadAttempt
}

// serving returns the serving set, or nil.
func (s *Service) serving() *snapshot {
	if st := s.state.Load(); st != nil {
		return st.serving
	}
	return nil
}

// maxLoggedDiagnostics caps the diagnostics logged per failed reload.
const maxLoggedDiagnostics = 20

// ErrInvalidDefinitions is returned by Reload when the new set has errors
// and the previous set keeps serving.
var ErrInvalidDefinitions = errors.New("invalid definitions")

// Reload loads and validates the definitions directory and, when the set
// has no errors, swaps it in atomically. An invalid set leaves the serving
// set untouched; its diagnostics are logged and reported by Status.
// Requests that already hold the old set finish on it.
func (s *Service) Reload(ctx context.Context) error {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	started := time.Now()
	snap, diags, err := buildSnapshot(s.dir)
	if err == nil && diags.HasErrors() {
		err = ErrInvalidDefinitions
	}
	attempt := loadAttempt{at: started, ok: err == nil, diags: diags}
	if err != nil {
		if attempt.diags == nil {
			attempt.diags = diag.List{{Severity: diag.Error, Code: diag.Internal, Summary: err.Error(), Pos: diag.Pos{File: s.dir}}}
		}
		attempt.diags = attempt.diags.Errors()
		s.state.Store(&defsState{serving: s.serving(), attempt: attempt})
		s.metrics.reloads.WithLabelValues("invalid").Inc()
		s.logInvalid(ctx, attempt.diags)
		return fmt.Errorf("load definitions from %s: %w", s.dir, err)
	}
	s.state.Store(&defsState{serving: snap, attempt: attempt})
	s.metrics.reloads.WithLabelValues("ok").Inc()
	s.metrics.loadedAt.Set(float64(snap.loadedAt.Unix()))
	s.log.InfoContext(ctx, "definitions loaded", "dir", s.dir, "version", snap.version,
		"metrics", len(snap.metrics), "warnings", len(snap.warnings),
		"duration_ms", time.Since(started).Milliseconds())
	return nil
}

func (s *Service) logInvalid(ctx context.Context, diags diag.List) {
	serving := "none"
	if snap := s.serving(); snap != nil {
		serving = snap.version
	}
	s.log.ErrorContext(ctx, "definitions invalid; the previous set keeps serving", "dir", s.dir,
		"errors", len(diags), "serving_version", serving)
	for i, d := range diags {
		if i == maxLoggedDiagnostics {
			s.log.ErrorContext(ctx, "more definitions errors not logged", "count", len(diags)-i)
			break
		}
		s.log.ErrorContext(ctx, "definitions error", "pos", d.Pos.String(), "code", string(d.Code), "summary", d.Summary)
	}
}

// buildSnapshot loads dir, builds the semantic model and the catalog. err
// is set only when the directory cannot be read.
func buildSnapshot(dir string) (*snapshot, diag.List, error) {
	set, diags, err := load.Dir(dir)
	if err != nil {
		return nil, nil, err
	}
	if diags.HasErrors() {
		diags.Sort()
		return nil, diags, nil
	}
	m, buildDiags := semantic.Build(set)
	diags = append(diags, buildDiags...)
	diags.Sort()
	if diags.HasErrors() {
		return nil, diags, nil
	}
	snap := &snapshot{
		model:    m,
		set:      set,
		version:  versionHash(set),
		loadedAt: time.Now().UTC(),
		warnings: diags,
		metrics:  metricCatalog(m.Metrics()),
		sources:  sourceCatalog(set),
	}
	return snap, diags, nil
}

// versionHash identifies a definitions set by the SHA-256 of its files'
// paths and contents, in path order, shortened to 12 hex digits. The same
// files give the same version on every replica.
func versionHash(set *model.Set) string {
	h := sha256.New()
	for _, f := range set.Files {
		fmt.Fprintf(h, "%s\x00%d\x00", f.Path, len(f.Data))
		h.Write(f.Data)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// Status reports the serving set and the last load attempt.
func (s *Service) Status(ctx context.Context) api.Status {
	st := api.Status{Dir: s.dir}
	state := s.state.Load()
	if state == nil {
		return st
	}
	if snap := state.serving; snap != nil {
		st.Version = snap.version
		st.LoadedAt = snap.loadedAt
		st.Metrics = len(snap.metrics)
	}
	st.LastLoadOK = state.attempt.ok
	st.LastAttemptAt = state.attempt.at
	st.Diagnostics = state.attempt.diags
	return st
}
