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
//
// A number starting with "00" that is not valid in defaultCountry is read
// once more with "+" in place of "00". Most of Europe and Asia dial "00" for
// international calls, so forms filled in there carry "001 212 555 0100"
// even when the source's default country is the US, whose prefix is 011.
func Phone(raw, defaultCountry string) (value string, ok bool) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", false
	}
	region := strings.ToUpper(defaultCountry)
	if v, ok := parsePhone(s, region); ok {
		return v, true
	}
	if rest, found := strings.CutPrefix(s, "00"); found {
		return parsePhone("+"+rest, region)
	}
	return "", false
}

func parsePhone(s, region string) (string, bool) {
	num, err := phonenumbers.Parse(s, region)
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return "", false
	}
	return phonenumbers.Format(num, phonenumbers.E164), true
}
