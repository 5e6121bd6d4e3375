package server

import (
	"context"
	"time"

	"github.com/metricsd/metricsd/catalog"
	"github.com/metricsd/metricsd/guard"
	"github.com/metricsd/metricsd/server/api"
)

// sourceStatuses returns the freshness of the snapshot's sources at now,
// from the cache when it is recent. When it cannot be computed it logs the
// failure and returns nil: guards that read sources then count as holding,
// and every source is reported as unknown with reason. The reason leaves
// out the error, which may quote SQL or driver text.
func (s *Service) sourceStatuses(ctx context.Context, snap *snapshot, now time.Time) (statuses []catalog.Status, reason string) {
	statuses, err := s.statuses.Statuses(ctx, snap.set.Sources, now)
	if err != nil {
		s.log.ErrorContext(ctx, "compute source freshness failed; guards that read sources count as holding", "err", err)
		return nil, "the freshness of the sources could not be computed; the server log has the error, and metricsd sources shows it"
	}
	return statuses, ""
}

// InvalidateFreshness makes the next query or catalog request recompute
// the sources' freshness, for example after a load wrote a source.
func (s *Service) InvalidateFreshness() { s.statuses.Invalidate() }

// usedSources converts the sources a query read to the result's metadata.
// A source without a status gets reason when it is not empty.
func usedSources(names []string, statuses []catalog.Status, reason string) []api.SourceFreshness {
	out := make([]api.SourceFreshness, 0, len(names))
	for _, sf := range guard.SourceStatuses(names, statuses) {
		f := convertFreshness(sf)
		if f.Status == api.StatusUnknown && f.Reason == "" {
			f.Reason = reason
		}
		out = append(out, api.SourceFreshness{Name: sf.Name, Freshness: f})
	}
	return out
}

func convertFreshness(sf guard.SourceFreshness) api.Freshness {
	return api.Freshness{
		Status:   sf.Status,
		Newest:   sf.Newest,
		Age:      sf.Age,
		Reason:   sf.Reason,
		LastLoad: sf.LastLoad,
		LoadID:   sf.LoadID,
	}
}
