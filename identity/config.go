package identity

import (
	"fmt"

	"github.com/metricsd/metricsd/identity/normalize"
)

// Defaults for the quarantine thresholds. They are guesses sized for B2B
// revenue data, where a real person rarely shares an email or phone with more
// than a handful of records. Raise them for consumer data with large
// households or shared devices.
const (
	DefaultMaxRecordsPerValue = 1000
	DefaultMaxStrongPerValue  = 10
)

// Config is the set of identifier types and the guards that apply to them.
type Config struct {
	// Types lists the identifier types, strongest first. Links are made
	// type by type in this order, so when a per-customer limit rejects a
	// link, the stronger identifier has already decided the grouping.
	Types []IdentifierType
	// MaxRecordsPerValue quarantines a value carried by more records than
	// this. 0 means DefaultMaxRecordsPerValue; a negative value disables
	// the check.
	MaxRecordsPerValue int
	// MaxStrongPerValue quarantines a value whose records carry more
	// distinct strong identifiers (types of kind external_id) than this.
	// 0 means DefaultMaxStrongPerValue; a negative value disables the check.
	MaxStrongPerValue int
	// Overrides are manual decisions; they win over every automatic rule.
	Overrides []Override
}

// IdentifierType is one kind of identifier and its guards.
type IdentifierType struct {
	Name           string // namespace of the values, e.g. "email", "crm_contact_id"
	Kind           string // normalize.KindEmail, KindPhone or KindExternalID
	DefaultCountry string // phones only: ISO 3166 alpha-2 country for national numbers
	// Blocklist holds values (or `*` patterns) that never link, on top of
	// normalize.Junk. Matching ignores case.
	Blocklist []string
	// MaxPerCustomer limits how many distinct values of this type one
	// customer may have; 0 means no limit. A link that would exceed it is
	// rejected and reported as a conflict.
	MaxPerCustomer int
}

// Override rules.
const (
	RuleMustLink   = "must_link"   // the two records are one customer
	RuleCannotLink = "cannot_link" // the two records are never one customer
)

// Override is a manual must-link or cannot-link decision between two
// records.
type Override struct {
	Rule string // RuleMustLink or RuleCannotLink
	A, B RecordRef
	Note string
}

// Check reports the first configuration error: a duplicate or unnamed type,
// an unknown kind, a negative limit or an unknown override rule.
func (c *Config) Check() error {
	seen := map[string]bool{}
	for _, t := range c.Types {
		if t.Name == "" {
			return fmt.Errorf("identifier type without a name: name every identifier")
		}
		if seen[t.Name] {
			return fmt.Errorf("identifier type %q is declared twice", t.Name)
		}
		seen[t.Name] = true
		switch t.Kind {
		case normalize.KindEmail, normalize.KindPhone, normalize.KindExternalID:
		default:
			return fmt.Errorf("identifier type %q has kind %q: use email, phone or external_id", t.Name, t.Kind)
		}
		if t.MaxPerCustomer < 0 {
			return fmt.Errorf("identifier type %q has max_per_customer %d: use 0 (no limit) or more", t.Name, t.MaxPerCustomer)
		}
	}
	for _, o := range c.Overrides {
		if o.Rule != RuleMustLink && o.Rule != RuleCannotLink {
			return fmt.Errorf("override %s–%s has rule %q: use %s or %s", o.A, o.B, o.Rule, RuleMustLink, RuleCannotLink)
		}
	}
	return nil
}

func (c *Config) maxRecordsPerValue() int {
	if c.MaxRecordsPerValue == 0 {
		return DefaultMaxRecordsPerValue
	}
	return c.MaxRecordsPerValue
}

func (c *Config) maxStrongPerValue() int {
	if c.MaxStrongPerValue == 0 {
		return DefaultMaxStrongPerValue
	}
	return c.MaxStrongPerValue
}
