package guard

import (
	"time"

	"github.com/metricsd/metricsd/catalog"
	"github.com/metricsd/metricsd/semantic"
)

// StatusUnknown is the status of a source that a semantic model names but
// the statuses do not list.
const StatusUnknown = "unknown"

// SourceFreshness is the freshness of one source a query result read,
// for the result's metadata.
type SourceFreshness struct {
	Name string
	// Newest is the newest value of the source's freshness field, nil when
	// the source has no freshness rule or no data.
	Newest *time.Time
	// Age is the evaluation time minus Newest, nil when Newest is nil.
	Age *time.Duration
	// Status is ok, warn, error, unchecked (no freshness rule) or unknown.
	Status string
	// Reason explains a warn or error status in a sentence.
	Reason string
	// LastLoad is when ingest last wrote the source, nil when it never did.
	LastLoad *time.Time
	// LoadID identifies that load in the ingest ledger.
	LoadID string
}

// Freshness lists the sources the metrics read (see semantic.Model.
// SourcesOf) with their status, sorted by name. A query that groups or
// filters by a joined model's dimensions also reads that model: pass the
// names from semantic.Model.SourcesOfQuery to SourceStatuses instead.
func Freshness(m *semantic.Model, metrics []string, statuses []catalog.Status) []SourceFreshness {
	return SourceStatuses(m.SourcesOf(metrics), statuses)
}

// SourceStatuses returns the freshness of the named sources, in the order
// given. A name without a status gets StatusUnknown.
func SourceStatuses(names []string, statuses []catalog.Status) []SourceFreshness {
	byName := make(map[string]*catalog.Status, len(statuses))
	for i := range statuses {
		byName[statuses[i].Source] = &statuses[i]
	}
	out := make([]SourceFreshness, 0, len(names))
	for _, name := range names {
		st, ok := byName[name]
		if !ok {
			out = append(out, SourceFreshness{Name: name, Status: StatusUnknown})
			continue
		}
		out = append(out, sourceFreshness(st))
	}
	return out
}

func sourceFreshness(st *catalog.Status) SourceFreshness {
	sf := SourceFreshness{Name: st.Source, Newest: st.Newest, Age: st.Age, Status: st.State, Reason: st.Reason}
	for _, l := range st.LastLoad {
		if sf.LastLoad == nil || l.LoadedAt.After(*sf.LastLoad) {
			at := l.LoadedAt
			sf.LastLoad, sf.LoadID = &at, l.ID
		}
	}
	return sf
}
