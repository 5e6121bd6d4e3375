package normalize

import "fmt"

// Identifier kinds. The kind chooses the normalization; the identifier type
// name (e.g. "crm_contact_id") namespaces the values.
const (
	KindEmail      = "email"
	KindPhone      = "phone"
	KindExternalID = "external_id"
)

// Outcome is the result class of normalizing one raw value.
type Outcome int

const (
	Empty   Outcome = iota // nothing written: not counted anywhere
	OK                     // a usable identifier value
	Blocked                // on the blocklist (junk or configured)
	Invalid                // written but not an identifier of this kind
)

// Value normalizes raw as an identifier of kind. defaultCountry is used for
// phones written without a country calling code. The blocklist is checked on
// the raw value first (so "n/a" is reported as blocked rather than invalid)
// and again on the normalized value (so " TEST@test.com " is blocked too).
func Value(kind, raw, defaultCountry string, block *Blocklist) (string, Outcome, error) {
	if isBlank(raw) {
		return "", Empty, nil
	}
	if block != nil && block.Match(raw) {
		return raw, Blocked, nil
	}
	var (
		v  string
		ok bool
	)
	switch kind {
	case KindEmail:
		v, ok = Email(raw)
	case KindPhone:
		v, ok = Phone(raw, defaultCountry)
	case KindExternalID:
		v, ok = ExternalID(raw)
	default:
		return "", Invalid, fmt.Errorf("unknown identifier kind %q: use email, phone or external_id", kind)
	}
	if !ok {
		return raw, Invalid, nil
	}
	if block != nil && block.Match(v) {
		return v, Blocked, nil
	}
	return v, OK, nil
}

func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' {
			return false
		}
	}
	return true
}
