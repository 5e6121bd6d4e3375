package validate

import (
	"regexp"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

func init() { register("formats", checkFormats) }

var (
	formatTypes   = []string{"currency", "percent", "duration", "number"}
	durationUnits = []string{"s", "m", "h", "d"}
	// currencyCode is the shape of an ISO 4217 alphabetic code; whether the
	// code is assigned is not checked.
	currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)
)

// checkFormats checks display formats: the type, a currency code for (and
// only for) currency, a unit only for duration, decimals from 0 to 12.
func checkFormats(ix *index, diags *diag.List) {
	for _, m := range ix.set.Metrics {
		if m.Format != nil {
			checkFormat(diags, m.Format)
		}
	}
}

func checkFormat(diags *diag.List, f *model.Format) {
	oneOf(diags, f.Fields.At("type", f.Pos), "format type", f.Type, formatTypes)
	switch {
	case f.Type == "currency" && f.Currency == "":
		diags.Add(diag.MissingParameter, f.Pos, "currency format needs currency").
			WithDetail("write the ISO 4217 code, e.g. currency: EUR")
	case f.Type == "currency" && !currencyCode.MatchString(f.Currency):
		diags.Add(diag.InvalidEnum, f.Fields.At("currency", f.Pos), "invalid currency code %q", f.Currency).
			WithDetail("write the three-letter ISO 4217 code in capitals, e.g. USD")
	case f.Type != "currency" && f.Currency != "":
		diags.Add(diag.InvalidParameter, f.Fields.At("currency", f.Pos), "%s format does not take currency", f.Type)
	}
	if f.Unit != "" {
		if f.Type != "duration" {
			diags.Add(diag.InvalidParameter, f.Fields.At("unit", f.Pos), "%s format does not take unit", f.Type).
				WithDetail("unit applies to duration formats")
		} else {
			oneOf(diags, f.Fields.At("unit", f.Pos), "duration unit", f.Unit, durationUnits)
		}
	}
	if f.Decimals != nil && (*f.Decimals < 0 || *f.Decimals > 12) {
		diags.Add(diag.InvalidParameter, f.Fields.At("decimals", f.Pos), "decimals %d is out of range", *f.Decimals).
			WithDetail("write 0 to 12")
	}
}
