// Package demo generates the demo business that metricsd serves with zero
// configuration: a company that buys leads on ad platforms, follows them up
// by phone, SMS and email, closes deals in a CRM, invoices customers and
// collects payments, over 548 days (about 18 months).
//
// Generation is deterministic: the same Config gives the same rows in the
// same order, because every draw comes from one PCG stream seeded by
// Config.Seed and no draw depends on the wall clock. Rows are streamed to a
// Sink, so benchmark sizes (Config.Scale) never sit in memory.
//
// The data carries two planted effects that the reference definitions are
// meant to reveal:
//   - Speed to first contact differs by channel, and leads first contacted
//     within 5 minutes become won deals far more often than slower ones.
//   - TikTok has the lowest cost per lead. Its leads are contacted slowly,
//     close rarely and buy less, and their payments fail and are refunded
//     more often. So its collected revenue per dollar of spend is the
//     lowest of all paid channels, while its platform claims the most
//     conversions per lead.
//
// Contact details are messy as in real CRM exports: emails in mixed case
// with stray whitespace, phone numbers in a dozen national and
// international formats, repeat leads from the same person, sometimes
// under a second CRM contact. customer_id is the CRM contact id; identity
// resolution links the duplicates.
package demo
