package normalize

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// Phone returns the E.164 form of a phone number. A number written without
// a country calling code is read in defaultCountry (ISO 3166 alpha-2, e.g.
// "US", "IT"). ok is false when the number does not parse or is not a valid
// number for the region it belongs to, following the libphonenumber metadata
// of github.com/nyaruka/phonenumbers.
func Phone(raw, defaultCountry string) (value string, ok bool) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", false
	}
	num, err := phonenumbers.Parse(s, strings.ToUpper(defaultCountry))
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return "", false
	}
	return phonenumbers.Format(num, phonenumbers.E164), true
}
