package demo

import (
	"math"
	"time"
)

// Payment behaviour of a customer, drawn once per won deal.
const (
	payOnTime = iota
	payLate
	payPartial
	payFailing
	payRefunded
)

// payment is one payment attempt or refund before it is emitted.
type payment struct {
	at     time.Time
	amount Money
	status string // succeeded | failed | refunded
}

// bill invoices a won deal in one to three monthly installments and
// generates their payments and ledger entries.
func (g *generator) bill(dealID int64, contactID string, closed time.Time, total Money, ch *channel) error {
	r := g.rng
	behaviour := r.weighted([]float64{
		1 - ch.failShare - ch.refundShare - ch.partialShare - ch.lateShare,
		ch.lateShare, ch.partialShare, ch.failShare, ch.refundShare,
	})
	installments := 1 + r.weighted([]float64{6, 2.5, 1.5})
	cogsRatio := r.between(0.35, 0.5)
	share := total / Money(installments)
	for i := range installments {
		amount := share
		if i == installments-1 {
			amount = total - share*Money(installments-1)
		}
		issued := closed.Add(time.Duration(24*(1+30*i))*time.Hour + time.Duration(r.IntN(8*3600))*time.Second)
		if !issued.Before(g.end) {
			return nil
		}
		if err := g.invoice(dealID, contactID, issued, amount, behaviour, cogsRatio); err != nil {
			return err
		}
	}
	return nil
}

// invoice emits one invoice with its payments and ledger entries. The
// invoice status is as of the end of the data.
func (g *generator) invoice(dealID int64, contactID string, issued time.Time, amount Money, behaviour int, cogsRatio float64) error {
	g.ids.invoice++
	id := g.ids.invoice
	due := DayOf(issued) + 14
	payments := g.payments(issued, due, amount, behaviour)
	var collected, refunded Money
	for _, p := range payments {
		switch p.status {
		case "succeeded":
			collected += p.amount
		case "refunded":
			refunded += p.amount
		}
	}
	status := "open"
	switch net := collected - refunded; {
	case refunded > 0 && net <= 0:
		status = "refunded"
	case net >= amount:
		status = "paid"
	case net > 0:
		status = "partially_paid"
	case due.Time().Before(g.end):
		status = "overdue"
	}
	if err := g.emit(Invoices, id, dealID, contactID, issued, due, amount, status); err != nil {
		return err
	}
	for _, p := range payments {
		g.ids.payment++
		if err := g.emit(Payments, g.ids.payment, id, p.at, p.amount, p.status); err != nil {
			return err
		}
	}
	return g.ledger(id, issued, amount, cogsRatio, payments)
}

// payments plans the payment rows of one invoice and drops those after
// the end of the data.
func (g *generator) payments(issued time.Time, due Day, amount Money, behaviour int) []payment {
	r := g.rng
	after := func(t time.Time, loDays, hiDays float64) time.Time {
		return t.Add(time.Duration(r.between(loDays, hiDays) * float64(24*time.Hour)).Truncate(time.Second))
	}
	dueAt := due.Time().Add(17 * time.Hour)
	var planned []payment
	switch behaviour {
	case payOnTime:
		planned = append(planned, payment{after(issued, 0.2, 12), amount, "succeeded"})
	case payLate:
		planned = append(planned, payment{after(dueAt, 2, 45), amount, "succeeded"})
	case payPartial:
		part := Money(math.Round(float64(amount) * r.between(0.3, 0.7)))
		planned = append(planned, payment{after(issued, 1, 10), part, "succeeded"})
		if r.chance(0.5) {
			planned = append(planned, payment{after(dueAt, 5, 40), amount - part, "succeeded"})
		}
	case payFailing:
		at := issued
		for range 1 + r.IntN(3) {
			at = after(at, 1, 5)
			planned = append(planned, payment{at, amount, "failed"})
		}
		if r.chance(0.4) {
			planned = append(planned, payment{after(dueAt, 5, 30), amount, "succeeded"})
		}
	case payRefunded:
		paid := after(issued, 0.2, 10)
		planned = append(planned, payment{paid, amount, "succeeded"})
		refund := amount
		if r.chance(0.3) {
			refund = amount / 2
		}
		planned = append(planned, payment{after(paid, 5, 60), refund, "refunded"})
	}
	kept := planned[:0]
	for _, p := range planned {
		if p.at.Before(g.end) {
			kept = append(kept, p)
		}
	}
	return kept
}

// ledger books revenue and cost of goods on the invoice date, and reverses
// revenue on the day of each refund.
func (g *generator) ledger(invoiceID int64, issued time.Time, amount Money, cogsRatio float64, payments []payment) error {
	day := DayOf(issued)
	cogs := Money(math.Round(float64(amount) * cogsRatio))
	g.ids.entry++
	if err := g.emit(LedgerEntries, g.ids.entry, invoiceID, day, "revenue", amount); err != nil {
		return err
	}
	g.ids.entry++
	if err := g.emit(LedgerEntries, g.ids.entry, invoiceID, day, "cogs", cogs); err != nil {
		return err
	}
	for _, p := range payments {
		if p.status != "refunded" {
			continue
		}
		g.ids.entry++
		if err := g.emit(LedgerEntries, g.ids.entry, invoiceID, DayOf(p.at), "revenue", -p.amount); err != nil {
			return err
		}
	}
	return nil
}
