package identity

import (
	"regexp"
	"slices"
	"strings"

	"github.com/metricsd/metricsd/identity/normalize"
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/nyaruka/phonenumbers"
)

// Carrier is a validated carrier: the warehouse table and columns that carry
// identifiers for one source.
type Carrier struct {
	Source    string // the source name, used as the records' source
	Table     string // the source's warehouse table, possibly schema-qualified
	Key       string // the record key column
	FirstSeen string // the first-seen column; empty when not declared
	Country   string // default country for phones of this source
	Columns   []CarrierColumn
}

// CarrierColumn is one identifier column of a carrier.
type CarrierColumn struct {
	Identifier string
	Column     string
}

var sqlName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// FromModel builds the resolver configuration and the carriers of an
// identity definition. Identifiers keep their written order, which is the
// strength order of per-customer limits. Carriers name sources of set; each
// source must have a warehouse table.
func FromModel(set *model.Set, id *model.Identity) (*Config, []Carrier, diag.List) {
	var diags diag.List
	cfg := &Config{}
	var names []string
	for _, in := range id.Identifiers {
		switch in.Kind {
		case normalize.KindEmail, normalize.KindPhone, normalize.KindExternalID:
		default:
			diags.Add(diag.InvalidEnum, in.Fields.At("kind", in.Pos), "identifier %q has kind %q", in.Name, in.Kind).
				WithDetail("use email, phone or external_id").WithSuggestions(diag.Suggest(in.Kind, []string{"email", "phone", "external_id"}))
		}
		checkCountry(&diags, in.DefaultCountry, in.Fields.At("default_country", in.Pos))
		cfg.Types = append(cfg.Types, IdentifierType{Name: in.Name, Kind: in.Kind, DefaultCountry: strings.ToUpper(in.DefaultCountry),
			Blocklist: in.Blocklist, MaxPerCustomer: in.MaxPerCustomer})
		names = append(names, in.Name)
	}
	var carriers []Carrier
	for _, c := range id.Carriers {
		if carrier, ok := carrierFromModel(set, c, names, &diags); ok {
			carriers = append(carriers, carrier)
		}
	}
	return cfg, carriers, diags
}

func carrierFromModel(set *model.Set, c model.Carrier, identifiers []string, diags *diag.List) (Carrier, bool) {
	n := len(*diags)
	out := Carrier{Source: c.Source, Key: c.Key, FirstSeen: c.FirstSeen, Country: strings.ToUpper(c.DefaultCountry)}
	var src *model.Source
	var sources []string
	for _, s := range set.Sources {
		sources = append(sources, s.Name)
		if s.Name == c.Source {
			src = s
		}
	}
	switch {
	case src == nil:
		diags.Add(diag.UnknownSource, c.Fields.At("source", c.Pos), "identity carrier names source %q, which is not defined", c.Source).
			WithSuggestions(diag.Suggest(c.Source, sources))
	case src.Location.Table == "":
		diags.Add(diag.MissingField, c.Fields.At("source", c.Pos), "source %q has no location.table for the identity carrier to read", c.Source)
	default:
		out.Table = src.Location.Table
		for _, part := range strings.Split(out.Table, ".") {
			checkName(diags, part, "table", c.Fields.At("source", c.Pos))
		}
	}

	if c.Key == "" {
		diags.Add(diag.MissingField, c.Pos, "identity carrier for source %q has no key column", c.Source)
	}
	checkName(diags, c.Key, "key", c.Fields.At("key", c.Pos))
	checkName(diags, c.FirstSeen, "first_seen", c.Fields.At("first_seen", c.Pos))
	checkCountry(diags, c.DefaultCountry, c.Fields.At("default_country", c.Pos))

	for _, name := range sortedKeys(c.Columns) {
		if !slices.Contains(identifiers, name) {
			diags.Add(diag.UnknownIdentifier, c.Fields.At("columns", c.Pos), "identity carrier for source %q maps identifier %q, which the identity does not declare", c.Source, name).
				WithSuggestions(diag.Suggest(name, identifiers))
			continue
		}
		checkName(diags, c.Columns[name], "column", c.Fields.At("columns", c.Pos))
		out.Columns = append(out.Columns, CarrierColumn{Identifier: name, Column: c.Columns[name]})
	}
	// Columns follow the identifiers' written order.
	slices.SortFunc(out.Columns, func(a, b CarrierColumn) int {
		return slices.Index(identifiers, a.Identifier) - slices.Index(identifiers, b.Identifier)
	})
	return out, len(*diags) == n
}

func checkName(diags *diag.List, name, what string, pos diag.Pos) {
	if name != "" && !sqlName.MatchString(name) {
		diags.Add(diag.InvalidColumnName, pos, "%s name %q is not a plain SQL identifier", what, name).
			WithDetail("use letters, digits and underscores, starting with a letter or underscore")
	}
}

func checkCountry(diags *diag.List, country string, pos diag.Pos) {
	if country != "" && !phonenumbers.GetSupportedRegions()[strings.ToUpper(country)] {
		diags.Add(diag.InvalidCountry, pos, "default country %q is not an ISO 3166 alpha-2 code with phone metadata", country).
			WithDetail(`use a two-letter code such as "US", "GB" or "IT"`)
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
