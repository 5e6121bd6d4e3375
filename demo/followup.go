package demo

import (
	"math"
	"time"
)

// Activity kinds.
var (
	firstContactKinds   = []string{"call", "sms", "email"}
	firstContactWeights = []float64{6, 2.5, 1.5}
	followUpWeights     = []float64{4, 2, 4}
)

// speedFactor is the planted effect of follow-up speed: the chance that a
// lead turns into a deal, relative to a first contact within 5 minutes.
func speedFactor(delay time.Duration, contacted bool) float64 {
	switch {
	case !contacted:
		return 0.03
	case delay <= 5*time.Minute:
		return 1
	case delay <= 30*time.Minute:
		return 0.45
	case delay <= 2*time.Hour:
		return 0.3
	case delay <= 24*time.Hour:
		return 0.18
	}
	return 0.1
}

// followUp generates a lead's activities and, when the lead turns into an
// opportunity, its deal and billing.
func (g *generator) followUp(leadID int64, created time.Time, ch *channel, score int64, contactID string) error {
	r := g.rng
	contacted := !r.chance(ch.neverContacted)
	var delay time.Duration
	first := created
	if contacted {
		minutes := r.logNormal(ch.contactMedian, 1.1)
		delay = time.Duration(minutes*float64(time.Minute)).Truncate(time.Second) + 20*time.Second
		first = created.Add(delay)
		if err := g.activity(leadID, first, firstContactKinds[r.weighted(firstContactWeights)]); err != nil {
			return err
		}
		at := first
		for range r.IntN(5) {
			at = at.Add(time.Duration(r.logNormal(26, 1) * float64(time.Hour)).Truncate(time.Second))
			if err := g.activity(leadID, at, firstContactKinds[r.weighted(followUpWeights)]); err != nil {
				return err
			}
		}
	}
	if ch == testChannel {
		return nil
	}
	scoreFactor := math.Min(1.4, math.Max(0.2, float64(score)/55))
	if !r.chance(0.45 * speedFactor(delay, contacted) * scoreFactor) {
		return nil
	}
	return g.deal(leadID, first, ch, contactID)
}

// activity emits an activity unless it lies after the end of the data.
func (g *generator) activity(leadID int64, at time.Time, kind string) error {
	if !at.Before(g.end) {
		return nil
	}
	g.ids.activity++
	return g.emit(Activities, g.ids.activity, leadID, at, kind)
}

// deal opens a deal shortly after first contact and decides whether it is
// won or lost. A deal that would close after the end of the data stays
// open.
func (g *generator) deal(leadID int64, firstContact time.Time, ch *channel, contactID string) error {
	r := g.rng
	created := firstContact.Add(time.Duration(r.between(0.2, 48) * float64(time.Hour)).Truncate(time.Second))
	if !created.Before(g.end) {
		return nil
	}
	won := r.chance(ch.winRate)
	days := r.logNormal(14, 0.6)
	if won {
		days = r.logNormal(10, 0.6)
	}
	closed := created.Add(time.Duration(days * float64(24*time.Hour)).Truncate(time.Second))
	amount := Money(math.Round(r.logNormal(ch.dealMedian, 0.45)/100) * 100)
	g.ids.deal++
	id := g.ids.deal
	if !closed.Before(g.end) {
		return g.emit(Deals, id, leadID, contactID, created, nil, "open", amount)
	}
	status := "lost"
	if won {
		status = "won"
	}
	if err := g.emit(Deals, id, leadID, contactID, created, closed, status, amount); err != nil {
		return err
	}
	if !won {
		return nil
	}
	return g.bill(id, contactID, closed, amount, ch)
}
