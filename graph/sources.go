package graph

import (
	"github.com/metricsd/metricsd/graph/model"
	"github.com/metricsd/metricsd/server/api"
)

func convertSource(s api.Source) *model.Source {
	out := &model.Source{
		Name:        s.Name,
		Description: optional(s.Description),
		Owner:       optional(s.Owner),
		System:      optional(s.System),
		Refresh:     optional(s.Refresh),
		Trust:       optional(s.Trust),
		Table:       optional(s.Table),
		Files:       optional(s.Files),
		Freshness:   convertFreshness(s.Freshness),
		Schedule:    convertSchedule(s.Schedule),
	}
	if s.FreshnessField != "" {
		out.FreshnessRule = &model.FreshnessRule{Field: s.FreshnessField, WarnAfter: optional(s.WarnAfter), ErrorAfter: optional(s.ErrorAfter)}
	}
	return out
}

// convertSourceUses never returns nil, because the schema declares the
// list non-null.
func convertSourceUses(sources []api.SourceFreshness) []*model.SourceUse {
	out := make([]*model.SourceUse, 0, len(sources))
	for _, s := range sources {
		out = append(out, &model.SourceUse{Name: s.Name, Freshness: convertFreshness(s.Freshness)})
	}
	return out
}

// convertFreshness writes the age in whole seconds, truncated toward zero.
func convertFreshness(f api.Freshness) *model.Freshness {
	out := &model.Freshness{Status: f.Status, Newest: f.Newest, Reason: optional(f.Reason)}
	if f.Age != nil {
		secs := int(f.Age.Seconds())
		out.AgeSeconds = &secs
	}
	if f.LastLoad != nil {
		out.LastLoad = &model.Load{ID: f.LoadID, LoadedAt: *f.LastLoad}
	}
	return out
}

func convertSchedule(s *api.LoadSchedule) *model.LoadSchedule {
	if s == nil {
		return nil
	}
	out := &model.LoadSchedule{Loads: s.Loads, Failures: s.Failures, LastError: optional(s.LastError)}
	if !s.Next.IsZero() {
		next := s.Next
		out.NextLoadAt = &next
	}
	if !s.LastAttempt.IsZero() {
		at := s.LastAttempt
		out.LastAttemptAt = &at
	}
	return out
}
