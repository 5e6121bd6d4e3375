package server

import (
	"context"
	"sort"

	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/server/api"
)

// Metrics returns every metric of the request's definitions set, by name.
func (s *Service) Metrics(ctx context.Context) ([]api.Metric, error) {
	snap, err := s.snapshotFor(ctx)
	if err != nil {
		return nil, err
	}
	return snap.metrics, nil
}

// Sources returns the catalogued sources, by name, each with its
// freshness now and its last load.
func (s *Service) Sources(ctx context.Context) ([]api.Source, error) {
	snap, err := s.snapshotFor(ctx)
	if err != nil {
		return nil, err
	}
	statuses, reason := s.sourceStatuses(ctx, snap, s.now())
	names := make([]string, len(snap.sources))
	for i, src := range snap.sources {
		names[i] = src.Name
	}
	used := usedSources(names, statuses, reason)
	scheduled := s.schedulerStatus()
	out := make([]api.Source, len(snap.sources))
	for i, src := range snap.sources {
		src.Freshness = used[i].Freshness
		if st, ok := scheduled[src.Name]; ok {
			src.Schedule = loadSchedule(st)
		}
		out[i] = src
	}
	return out, nil
}

// Dimensions returns what every named metric can be grouped by.
func (s *Service) Dimensions(ctx context.Context, metrics []string) ([]api.Dimension, error) {
	snap, err := s.snapshotFor(ctx)
	if err != nil {
		return nil, err
	}
	return snap.dimensions(metrics)
}

// metricCatalog lists the model's queryable metrics, by name.
func metricCatalog(metrics []*model.Metric) []api.Metric {
	out := make([]api.Metric, 0, len(metrics))
	for _, m := range metrics {
		out = append(out, api.Metric{
			Name:        m.Name,
			Version:     m.Version,
			Type:        m.Type,
			Label:       m.Label,
			Description: m.Description,
			Owner:       m.Owner,
			Format:      m.Format,
			Deprecated:  m.Deprecated,
			ReplacedBy:  m.ReplacedBy,
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func sourceCatalog(set *model.Set) []api.Source {
	out := make([]api.Source, 0, len(set.Sources))
	for _, src := range set.Sources {
		entry := api.Source{
			Name:        src.Name,
			Description: src.Description,
			Owner:       src.Owner,
			System:      src.System,
			Refresh:     src.Refresh,
			Trust:       src.Trust,
			Table:       src.Location.Table,
			Files:       src.Location.Files,
		}
		if f := src.Freshness; f != nil {
			entry.FreshnessField, entry.WarnAfter, entry.ErrorAfter = f.Field, f.WarnAfter, f.ErrorAfter
		}
		out = append(out, entry)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
