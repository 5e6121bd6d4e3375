// Package identity links records from several sources (ad-platform leads,
// CRM contacts, invoice payers) into customers with stable ids.
//
// The stages, each with one entry point:
//
//	Normalize  raw values → type-qualified identifiers (email, E.164 phone,
//	           external id); junk and invalid values are counted, not used
//	Resolve    exact matching: union-find over hashed identifier keys, with
//	           blocklists, quarantine of over-shared values, per-type limits
//	           and manual must-link / cannot-link overrides
//	Assign     stable customer ids against the registry of every id ever
//	           issued: merges keep the oldest id, splits keep the id where
//	           its anchor record is
//	Store      one transaction writes the registry, aliases, links, the
//	           record → customer map and the run's change counts
//
// Matching is deterministic: only exact equality of normalized values links
// records, and names never create or block a link.
package identity
