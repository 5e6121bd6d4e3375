package demo

import (
	"fmt"
	"strings"
)

// person is someone who fills in lead forms, possibly more than once.
type person struct {
	contactID string // the CRM contact created for the first lead
	email     string // canonical form; leads carry messy variants
	country   string // "US" or "DE"
	phone     string // national significant number, digits only
}

var (
	firstNames = []string{"anna", "ben", "carla", "david", "emma", "felix", "grace", "henry", "ines", "jonas",
		"karen", "liam", "mia", "noah", "olivia", "paul", "quinn", "rosa", "sam", "tara", "umar", "vera",
		"will", "xena", "yusuf", "zoe", "lena", "max", "sofia", "leon"}
	lastNames = []string{"smith", "miller", "schmidt", "garcia", "johnson", "weber", "brown", "fischer",
		"davis", "wagner", "lopez", "becker", "wilson", "hoffmann", "moore", "koch", "taylor", "richter",
		"clark", "klein", "lewis", "wolf", "young", "neumann", "king", "schulz", "hill", "krause"}
	// Reserved example domains, so no generated address can reach anyone.
	emailDomains = []string{"example.com", "example.net", "example.org", "mail.example.com"}
	usAreaCodes  = []string{"212", "312", "415", "512", "617", "646", "702", "720", "305", "206", "404", "213"}
	deAreaCodes  = []string{"30", "40", "89", "221", "69", "711", "211"}
)

// newPerson invents a person; number makes the email address unique.
func (g *generator) newPerson(number int64) *person {
	r := g.rng
	first, last := pick(r, firstNames), pick(r, lastNames)
	var local string
	switch r.IntN(4) {
	case 0:
		local = fmt.Sprintf("%s.%s%d", first, last, number)
	case 1:
		local = fmt.Sprintf("%s%s%d", first, last, number)
	case 2:
		local = fmt.Sprintf("%c.%s%d", first[0], last, number)
	default:
		local = fmt.Sprintf("%s_%s%d", first, last, number)
	}
	p := &person{contactID: g.nextContactID(), email: local + "@" + pick(r, emailDomains)}
	if r.chance(0.15) {
		p.country = "DE"
		p.phone = pick(r, deAreaCodes) + fmt.Sprintf("%07d", r.IntN(10_000_000))
	} else {
		p.country = "US"
		p.phone = pick(r, usAreaCodes) + fmt.Sprintf("%03d%04d", 200+r.IntN(800), r.IntN(10_000))
	}
	return p
}

// messyEmail writes the person's email as a form submission might: mostly
// lower case, sometimes capitalized, shouted or padded, sometimes missing.
func (g *generator) messyEmail(p *person) any {
	r := g.rng
	switch x := r.Float64(); {
	case x < 0.04:
		return nil
	case x < 0.14:
		local, domain, _ := strings.Cut(p.email, "@")
		return strings.ToUpper(local[:1]) + local[1:] + "@" + strings.ToUpper(domain[:1]) + domain[1:]
	case x < 0.19:
		return strings.ToUpper(p.email)
	case x < 0.27:
		return pick(r, []string{" ", "  ", "\t"}) + p.email + pick(r, []string{"", " ", "\n"})
	}
	return p.email
}

// messyPhone formats the person's phone in one of the ways people type
// it, national or international; about one lead in ten has none.
func (g *generator) messyPhone(p *person) any {
	r := g.rng
	if r.chance(0.10) {
		return nil
	}
	n := p.phone
	if p.country == "DE" {
		area, sub := splitGermanArea(n)
		return pick(r, []string{
			"+49 " + area + " " + sub,
			"0" + area + " " + sub,
			"0049 " + area + " " + sub,
			"+49 (0)" + area + " " + sub,
			"+49" + n,
			"0" + area + "/" + sub,
		})
	}
	area, exch, line := n[:3], n[3:6], n[6:]
	return pick(r, []string{
		"+1 " + area + "-" + exch + "-" + line,
		"(" + area + ") " + exch + "-" + line,
		area + "." + exch + "." + line,
		n,
		"+1" + n,
		"1-" + area + "-" + exch + "-" + line,
		" " + area + " " + exch + " " + line + " ",
		"001 " + area + " " + exch + " " + line,
	})
}

// splitGermanArea splits a German national number after its area code.
func splitGermanArea(n string) (area, subscriber string) {
	for _, a := range deAreaCodes {
		if strings.HasPrefix(n, a) {
			return a, n[len(a):]
		}
	}
	return n[:2], n[2:]
}
