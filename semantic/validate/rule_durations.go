package validate

import (
	"time"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/semantic/timeparse"
)

func init() { register("durations", checkDurations) }

// checkDurations parses every duration once, with the parser the engine
// uses. Calendar windows (cumulative window, conversion window, offsets)
// may count months and years; ages, refresh cadences and SLAs must have a
// fixed length.
func checkDurations(ix *index, diags *diag.List) {
	for _, s := range ix.set.Sources {
		fixed(diags, s.Fields.At("refresh", s.Pos), "refresh", s.Refresh)
		if f := s.Freshness; f != nil {
			checkFreshnessAges(diags, f)
		}
	}
	for _, m := range ix.set.Metrics {
		window(diags, m.Fields.At("window", m.Pos), "window", m.Window)
		window(diags, m.Fields.At("conversion_window", m.Pos), "conversion_window", m.ConversionWindow)
		fixed(diags, m.Fields.At("sla", m.Pos), "sla", m.SLA)
		for _, in := range inputs(m) {
			window(diags, in.Fields.At("offset_window", in.Pos), "offset_window", in.OffsetWindow)
		}
	}
}

// checkFreshnessAges requires warn_after to be shorter than error_after,
// because a source cannot turn stale-with-error before stale-with-warning.
func checkFreshnessAges(diags *diag.List, f *model.Freshness) {
	warn, warnOK := fixed(diags, f.Fields.At("warn_after", f.Pos), "warn_after", f.WarnAfter)
	fail, failOK := fixed(diags, f.Fields.At("error_after", f.Pos), "error_after", f.ErrorAfter)
	if f.WarnAfter == "" && f.ErrorAfter == "" {
		diags.Add(diag.MissingField, f.Pos, "freshness rule has neither warn_after nor error_after").
			WithDetail("write at least one age, e.g. warn_after: 36h")
	}
	if warnOK && failOK && warn >= fail {
		diags.Add(diag.InvalidDuration, f.Fields.At("warn_after", f.Pos), "warn_after %s is not shorter than error_after %s", f.WarnAfter, f.ErrorAfter)
	}
}

// fixed parses a fixed-length duration; ok is false when empty or invalid.
func fixed(diags *diag.List, pos diag.Pos, key, s string) (time.Duration, bool) {
	if s == "" {
		return 0, false
	}
	v, err := timeparse.ParseDuration(s)
	if err != nil {
		diags.Add(diag.InvalidDuration, pos, "invalid %s %q", key, s).WithDetail(err.Error())
		return 0, false
	}
	return v, true
}

func window(diags *diag.List, pos diag.Pos, key, s string) {
	if s == "" {
		return
	}
	if _, _, err := timeparse.ParseWindow(s); err != nil {
		diags.Add(diag.InvalidDuration, pos, "invalid %s %q", key, s).WithDetail(err.Error())
	}
}
