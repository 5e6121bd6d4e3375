package demo

import (
	"fmt"
	"math"
	"time"
)

// Sink receives generated rows. The row slice is reused after Append
// returns, so a sink must copy what it keeps.
type Sink interface {
	Append(t *Table, row []any) error
}

// Stats counts the generated rows per table name.
type Stats map[string]int64

// Total returns the number of rows in all tables.
func (s Stats) Total() int64 {
	var n int64
	for _, v := range s {
		n += v
	}
	return n
}

// repeatShare is the share of leads submitted by a person seen before, and
// recentPeople how many earlier people a repeat lead may come from.
const (
	repeatShare  = 0.06
	recentPeople = 4096
)

// hourWeights shapes lead arrival over the UTC day: few at night, most in
// the afternoon and evening UTC (business hours in Europe and the US).
var hourWeights = []float64{3, 2, 1, 1, 1, 1, 2, 3, 5, 6, 7, 8, 8, 9, 10, 10, 10, 9, 9, 8, 7, 6, 5, 4}

// generator is the state of one Generate run.
type generator struct {
	cfg   Config
	rng   rng
	sink  Sink
	stats Stats
	start Day
	end   time.Time // exclusive: rows at or after it are not emitted yet
	ids   struct{ lead, activity, deal, invoice, payment, entry, contact, person int64 }
	// recent holds the last people seen, for repeat leads; it is a ring so
	// memory stays bounded at any scale.
	recent []*person
	next   int
	row    map[*Table][]any
}

// Generate streams the demo business for cfg into sink, table rows
// interleaved in generation order, and returns the row counts.
func Generate(cfg Config, sink Sink) (Stats, error) {
	cfg, err := cfg.normalize()
	if err != nil {
		return nil, err
	}
	endDay := DayOf(cfg.End)
	g := &generator{
		cfg:   cfg,
		rng:   newRNG(cfg.Seed),
		sink:  sink,
		stats: Stats{},
		start: endDay - Days + 1,
		end:   (endDay + 1).Time(),
		row:   map[*Table][]any{},
	}
	for _, t := range Tables {
		g.row[t] = make([]any, len(t.Columns))
		g.stats[t.Name] = 0
	}
	for d := range Days {
		if err := g.day(d); err != nil {
			return g.stats, err
		}
	}
	return g.stats, nil
}

// emit sends one row, reusing the table's row buffer.
func (g *generator) emit(t *Table, values ...any) error {
	row := g.row[t]
	if len(values) != len(row) {
		panic(fmt.Sprintf("demo: %d values for %d columns of %s", len(values), len(row), t.Name))
	}
	copy(row, values)
	g.stats[t.Name]++
	return g.sink.Append(t, row)
}

// volume is the demand multiplier of day index d: 30% growth over the
// period, a yearly wave, and quieter weekends. Weekdays are counted from
// the period's end so a shifted End does not change any volume.
func (g *generator) volume(d int) float64 {
	trend := 0.85 + 0.3*float64(d)/Days
	season := 1 + 0.12*math.Sin(2*math.Pi*float64(d)/365)
	weekday := (int(DayOf(DefaultEnd).Time().Weekday()) - (Days - 1 - d)) % 7
	if weekday < 0 {
		weekday += 7
	}
	if time.Weekday(weekday) == time.Saturday || time.Weekday(weekday) == time.Sunday {
		return trend * season * 0.6
	}
	return trend * season
}

// day generates one day: each campaign's spend and its leads, then organic
// and test leads.
func (g *generator) day(d int) error {
	day := g.start + Day(d)
	scale := float64(g.cfg.Scale)
	v := g.volume(d)
	for _, c := range campaigns {
		spend := Money(math.Round(g.rng.logNormal(c.dailySpend*v*scale, 0.15)))
		leads := g.rng.poisson(float64(spend) / g.rng.logNormal(c.ch.cpl, 0.1))
		clicks := int64(math.Round(float64(leads) * g.rng.between(8, 14)))
		impressions := int64(math.Round(float64(clicks) * g.rng.between(40, 90)))
		claimed := int64(math.Round(float64(leads) * c.ch.platformClaim * g.rng.between(0.9, 1.1)))
		value := Money(claimed * c.ch.claimValue)
		if err := g.emit(AdSpend, day, c.ch.name, c.name, spend, impressions, clicks, claimed, value); err != nil {
			return err
		}
		for range leads {
			if err := g.lead(day, c.ch, c.name); err != nil {
				return err
			}
		}
	}
	for range g.rng.poisson(organicPerDay * v * scale) {
		if err := g.lead(day, organic, ""); err != nil {
			return err
		}
	}
	for range g.rng.poisson(testPerDay * scale) {
		if err := g.lead(day, testChannel, "form_test"); err != nil {
			return err
		}
	}
	return nil
}

// lead generates one lead and everything that follows from it.
func (g *generator) lead(day Day, ch *channel, campaignName string) error {
	r := g.rng
	g.ids.lead++
	id := g.ids.lead
	at := day.Time().Add(time.Duration(r.weighted(hourWeights))*time.Hour +
		time.Duration(r.Int64N(int64(time.Hour/time.Microsecond)))*time.Microsecond)

	p, contactID := g.person()
	score := int64(math.Max(0, math.Min(100, math.Round(ch.scoreMean+18*r.NormFloat64()))))
	var source, medium, campaignField any
	if ch != organic {
		source, medium = pick(r, ch.utmSources), ch.utmMedium
		campaignField = campaignName
		if r.chance(0.1) {
			campaignField = titleCase(campaignName)
		}
	}
	email, phone := g.messyEmail(p), g.messyPhone(p)
	if email == nil && phone == nil {
		email = p.email
	}
	if ch == testChannel {
		// Staff testing the form type a throwaway address.
		email, phone = pick(r, []string{"test@example.com", "Test@Example.com", "qa+form@example.com"}), nil
	}
	if err := g.emit(Leads, id, at, email, phone, source, medium, campaignField, ch.name, score, contactID); err != nil {
		return err
	}
	return g.followUp(id, at, ch, score, contactID)
}

// person returns who submitted a lead and the CRM contact id the lead got.
// Usually that is a new person. A repeat lead comes from a recent person,
// and one repeat in three gets a new contact because the CRM failed to
// match the existing one.
func (g *generator) person() (*person, string) {
	if len(g.recent) > 0 && g.rng.chance(repeatShare) {
		p := pick(g.rng, g.recent)
		if g.rng.chance(1.0 / 3) {
			return p, g.nextContactID()
		}
		return p, p.contactID
	}
	g.ids.person++
	p := g.newPerson(g.ids.person)
	if len(g.recent) < recentPeople {
		g.recent = append(g.recent, p)
	} else {
		g.recent[g.next] = p
		g.next = (g.next + 1) % recentPeople
	}
	return p, p.contactID
}

func (g *generator) nextContactID() string {
	g.ids.contact++
	return fmt.Sprintf("crm_%07d", g.ids.contact)
}

// titleCase writes "search_brand" as "Search_Brand", a common manual
// tagging variant.
func titleCase(s string) string {
	b := []byte(s)
	for i := range b {
		if (i == 0 || b[i-1] == '_') && b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}
