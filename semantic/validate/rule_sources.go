package validate

import (
	"regexp"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

func init() { register("sources and identities", checkSources) }

var (
	trustLevels     = []string{"authoritative", "reconciled", "platform_reported"}
	fileFormats     = []string{"csv", "ndjson"}
	identifierKinds = []string{"email", "phone", "external_id"}
	// columnType is text, integer, decimal(p,s), boolean, date, timestamp
	// or timestamptz.
	columnType  = regexp.MustCompile(`^(text|integer|boolean|date|timestamp|timestamptz|decimal\([1-9][0-9]?,[0-9][0-9]?\))$`)
	countryCode = regexp.MustCompile(`^[A-Z]{2}$`)
)

// checkSources checks catalog entries and identity definitions: the trust
// level, a location that is a table or files (not both), file formats and
// column types, identifier kinds and country codes.
func checkSources(ix *index, diags *diag.List) {
	for _, s := range ix.set.Sources {
		oneOf(diags, s.Fields.At("trust", s.Pos), "trust level", s.Trust, trustLevels)
		checkLocation(diags, s)
	}
	for _, id := range ix.set.Identities {
		for _, i := range id.Identifiers {
			oneOf(diags, i.Fields.At("kind", i.Pos), "identifier kind", i.Kind, identifierKinds)
			country(diags, i.Fields.At("default_country", i.Pos), i.DefaultCountry)
			if pos, ok := i.Fields["max_per_customer"]; ok && i.MaxPerCustomer <= 0 {
				diags.Add(diag.InvalidEnum, pos, "max_per_customer of %s is %d", label("identifier", i.Name), i.MaxPerCustomer).
					WithDetail("write a positive limit, or remove the key for no limit")
			}
		}
		for _, c := range id.Carriers {
			country(diags, c.Fields.At("default_country", c.Pos), c.DefaultCountry)
		}
	}
}

func checkLocation(diags *diag.List, s *model.Source) {
	l := s.Location
	hasTable, hasFiles := l.Table != "", l.Files != ""
	switch {
	case !hasTable && !hasFiles:
		diags.Add(diag.MissingField, s.Fields.At("location", s.Pos), "source %q has no location", s.Name).
			WithDetail("write location: {table: name} for a warehouse table, or location: {files: glob, format: csv, table: target}")
		return
	case hasFiles:
		if l.Format == "" {
			diags.Add(diag.MissingField, l.Pos, "file location of source %q has no format", s.Name).
				WithDetail("write format: csv or format: ndjson")
		}
		oneOf(diags, l.Fields.At("format", l.Pos), "file format", l.Format, fileFormats)
	case !hasFiles:
		for _, k := range []string{"format", "delimiter", "header", "null_values", "columns"} {
			if pos, ok := l.Fields[k]; ok {
				diags.Add(diag.InvalidParameter, pos, "table location of source %q does not take %s", s.Name, k).
					WithDetail("format, delimiter, header, null_values and columns describe files to load; add files: or remove the key")
			}
		}
	}
	for _, c := range l.Columns {
		if c.Name == "" {
			diags.Add(diag.MissingField, c.Pos, "column of source %q has no name", s.Name)
		}
		if c.Type == "" {
			diags.Add(diag.MissingField, c.Pos, "%s of source %q has no type", label("column", c.Name), s.Name)
		} else if !columnType.MatchString(c.Type) {
			diags.Add(diag.InvalidEnum, c.Fields.At("type", c.Pos), "invalid column type %q", c.Type).
				WithDetail("use text, integer, decimal(p,s), boolean, date, timestamp or timestamptz")
		}
	}
}

func country(diags *diag.List, pos diag.Pos, code string) {
	if code != "" && !countryCode.MatchString(code) {
		diags.Add(diag.InvalidEnum, pos, "invalid country code %q", code).
			WithDetail("write the two-letter ISO 3166 code in capitals, e.g. DE")
	}
}
