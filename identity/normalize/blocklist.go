package normalize

import "strings"

// Junk lists placeholder values that forms and exports put where an
// identifier is missing. They are blocked for every identifier type, because
// one of them shared by thousands of records would join them all into one
// customer.
var Junk = []string{
	"test@test.com", "none@none.com", "test@example.com", "email@email.com",
	"noemail@noemail.com", "no@email.com", "n/a", "na", "none", "null",
	"nil", "nan", "undefined", "unknown", "-1", "anonymous",
}

// Blocklist matches values that must never link records. Entries are exact
// values or glob patterns in which `*` stands for any run of characters.
// Matching ignores case and surrounding whitespace, so "NULL " matches
// "null". A value made only of zeros and separators ("0", "000-000-0000")
// always matches.
type Blocklist struct {
	exact    map[string]bool
	patterns [][]string // each pattern split at '*'
}

// NewBlocklist returns a blocklist of Junk plus entries.
func NewBlocklist(entries []string) *Blocklist {
	b := &Blocklist{exact: map[string]bool{}}
	for _, e := range append(append([]string{}, Junk...), entries...) {
		e = strings.ToLower(strings.TrimSpace(e))
		if e == "" {
			continue
		}
		if strings.Contains(e, "*") {
			b.patterns = append(b.patterns, strings.Split(e, "*"))
			continue
		}
		b.exact[e] = true
	}
	return b
}

// Match reports whether value is blocked.
func (b *Blocklist) Match(value string) bool {
	s := strings.ToLower(strings.TrimSpace(value))
	if b.exact[s] || allZeros(s) {
		return true
	}
	for _, p := range b.patterns {
		if globMatch(p, s) {
			return true
		}
	}
	return false
}

// allZeros reports whether s has at least one zero and nothing but zeros,
// spaces and the separators phone numbers and ids use.
func allZeros(s string) bool {
	zero := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '0':
			zero = true
		case ' ', '-', '.', '(', ')', '+', '/', '_':
		default:
			return false
		}
	}
	return zero
}

// globMatch matches s against a pattern already split at '*': the first
// part is a prefix, the last a suffix, and the parts between occur in order.
func globMatch(parts []string, s string) bool {
	first, last := parts[0], parts[len(parts)-1]
	if !strings.HasPrefix(s, first) {
		return false
	}
	s = s[len(first):]
	for _, mid := range parts[1 : len(parts)-1] {
		i := strings.Index(s, mid)
		if i < 0 {
			return false
		}
		s = s[i+len(mid):]
	}
	return strings.HasSuffix(s, last)
}
