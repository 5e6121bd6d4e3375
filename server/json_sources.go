package server

import (
	"time"

	"github.com/metricsd/metricsd/server/api"
)

// jsonSource is one source a result read, as the GraphQL SourceUse type
// encodes it.
type jsonSource struct {
	Name      string        `json:"name"`
	Freshness jsonFreshness `json:"freshness"`
}

type jsonFreshness struct {
	Status string     `json:"status"`
	Newest *time.Time `json:"newest"`
	// AgeSeconds is whole seconds, negative for data dated in the future.
	AgeSeconds *int64    `json:"ageSeconds"`
	Reason     string    `json:"reason,omitempty"`
	LastLoad   *jsonLoad `json:"lastLoad"`
}

type jsonLoad struct {
	ID       string    `json:"id"`
	LoadedAt time.Time `json:"loadedAt"`
}

func jsonSources(sources []api.SourceFreshness) []jsonSource {
	out := make([]jsonSource, 0, len(sources))
	for _, src := range sources {
		f := src.Freshness
		jf := jsonFreshness{Status: f.Status, Newest: f.Newest, Reason: f.Reason}
		if f.Age != nil {
			secs := int64(f.Age.Seconds())
			jf.AgeSeconds = &secs
		}
		if f.LastLoad != nil {
			jf.LastLoad = &jsonLoad{ID: f.LoadID, LoadedAt: *f.LastLoad}
		}
		out = append(out, jsonSource{Name: src.Name, Freshness: jf})
	}
	return out
}

// sourcesHeader is the X-Sources header of a CSV or XLSX result:
// name=status pairs joined by commas, for example
// "ad_spend=warn,crm_leads=ok".
func sourcesHeader(sources []api.SourceFreshness) string {
	var b []byte
	for i, src := range sources {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, src.Name...)
		b = append(b, '=')
		b = append(b, src.Freshness.Status...)
	}
	return string(b)
}
