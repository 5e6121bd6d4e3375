package normalize

import "strings"

// ExternalID returns an external id (a CRM contact id, a billing customer
// id) trimmed of surrounding whitespace. Case is kept because many systems
// issue case-sensitive ids. ok is false for an empty string.
func ExternalID(raw string) (value string, ok bool) {
	s := strings.TrimSpace(raw)
	return s, s != ""
}
