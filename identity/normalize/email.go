package normalize

import "strings"

// Email returns the canonical form of an email address. The address is
// taken from a `Name <addr>` form, trimmed and lowercased. For gmail.com and
// googlemail.com (one mailbox namespace) the domain becomes gmail.com and the
// dots of the local part are removed, because Gmail ignores them. Other
// domains keep their dots, and plus tags are kept everywhere. ok is false
// when the string is not an address.
func Email(raw string) (value string, ok bool) {
	s := strings.TrimSpace(raw)
	if open := strings.LastIndexByte(s, '<'); open >= 0 {
		end := strings.IndexByte(s[open:], '>')
		if end < 0 {
			return "", false
		}
		s = strings.TrimSpace(s[open+1 : open+end])
	}
	s = strings.ToLower(s)
	at := strings.IndexByte(s, '@')
	if at <= 0 || at != strings.LastIndexByte(s, '@') {
		return "", false
	}
	local, domain := s[:at], s[at+1:]
	if !validLocal(local) || !validDomain(domain) {
		return "", false
	}
	if domain == "gmail.com" || domain == "googlemail.com" {
		domain = "gmail.com"
		local = strings.ReplaceAll(local, ".", "")
		if local == "" {
			return "", false
		}
	}
	return local + "@" + domain, true
}

// validLocal accepts the unquoted local parts of RFC 5322 (dot-atom text).
// Quoted local parts are rejected: they almost never occur in exports and
// are more often a broken field than a real mailbox.
func validLocal(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isAlnum(c) || c >= 0x80 || strings.IndexByte(".!#$%&'*+/=?^_`{|}~-", c) >= 0 {
			continue
		}
		return false
	}
	return true
}

// validDomain accepts a host name with at least two labels, each label made
// of letters, digits and inner hyphens.
func validDomain(s string) bool {
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			if !isAlnum(l[i]) && l[i] != '-' && l[i] < 0x80 {
				return false
			}
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
