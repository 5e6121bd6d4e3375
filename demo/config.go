package demo

import (
	"fmt"
	"time"
)

// Days is the length of the generated history: 548 days, about 18 months.
const Days = 548

// DefaultEnd is the last day of generated data when Config.End is zero. It
// is fixed, not today, so the same seed always gives the same rows.
var DefaultEnd = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)

// Config selects what Generate produces.
type Config struct {
	// Seed seeds the PCG random stream; every seed is valid.
	Seed uint64
	// Scale multiplies spend and lead volume (default 1: about 139,000
	// rows in all tables; 80: about 10.6 million).
	Scale int
	// End is the last day of data (default DefaultEnd). It moves back to
	// the nearest day with DefaultEnd's weekday, so a later End only
	// shifts every date and timestamp by whole weeks and changes no other
	// value. Use it to make the demo look current.
	End time.Time
}

// normalize fills defaults and checks the scale.
func (c Config) normalize() (Config, error) {
	if c.Scale == 0 {
		c.Scale = 1
	}
	if c.Scale < 0 || c.Scale > 10000 {
		return c, fmt.Errorf("invalid demo scale %d: use 1 to 10000", c.Scale)
	}
	if c.End.IsZero() {
		c.End = DefaultEnd
	}
	end := DayOf(c.End)
	offset := ((end-DayOf(DefaultEnd))%7 + 7) % 7
	c.End = (end - offset).Time()
	return c, nil
}

// channel holds the behaviour planted for one acquisition channel.
type channel struct {
	name string
	// utmSources are the spellings of utm_source seen for the channel;
	// the first is the most common.
	utmSources []string
	utmMedium  string
	// cpl is the mean cost per lead in cents.
	cpl float64
	// platformClaim is the platform-reported conversions per real lead,
	// and claimValue the value in cents the platform assigns to each.
	platformClaim float64
	claimValue    int64
	// contactMedian is the median minutes to first contact, and
	// neverContacted the share of leads nobody contacts.
	contactMedian  float64
	neverContacted float64
	// scoreMean is the mean lead score (0 to 100).
	scoreMean float64
	// winRate is the share of deals won, and dealMedian the median deal
	// amount in cents.
	winRate    float64
	dealMedian float64
	// payment outcome shares per won deal: failed for good, refunded,
	// partial, late; the rest pays on time.
	failShare, refundShare, partialShare, lateShare float64
}

// campaign is one ad campaign with its mean daily spend in cents at scale 1.
type campaign struct {
	ch         *channel
	name       string
	dailySpend float64
}

var (
	google = &channel{name: "google", utmSources: []string{"google", "Google", "adwords"}, utmMedium: "cpc",
		cpl: 4500, platformClaim: 1.25, claimValue: 14000, contactMedian: 3, neverContacted: 0.03, scoreMean: 58,
		winRate: 0.42, dealMedian: 150000, failShare: 0.03, refundShare: 0.03, partialShare: 0.05, lateShare: 0.12}
	facebook = &channel{name: "facebook", utmSources: []string{"facebook", "fb", "ig", "Facebook"}, utmMedium: "paid_social",
		cpl: 3500, platformClaim: 1.7, claimValue: 9300, contactMedian: 25, neverContacted: 0.05, scoreMean: 52,
		winRate: 0.38, dealMedian: 110000, failShare: 0.04, refundShare: 0.04, partialShare: 0.05, lateShare: 0.14}
	bing = &channel{name: "bing", utmSources: []string{"bing", "Bing"}, utmMedium: "cpc",
		cpl: 5000, platformClaim: 1.1, claimValue: 16000, contactMedian: 6, neverContacted: 0.03, scoreMean: 57,
		winRate: 0.40, dealMedian: 140000, failShare: 0.03, refundShare: 0.03, partialShare: 0.05, lateShare: 0.12}
	tiktok = &channel{name: "tiktok", utmSources: []string{"tiktok", "TikTok", "tt"}, utmMedium: "paid_social",
		cpl: 1800, platformClaim: 2.6, claimValue: 4200, contactMedian: 180, neverContacted: 0.12, scoreMean: 44,
		winRate: 0.26, dealMedian: 60000, failShare: 0.25, refundShare: 0.15, partialShare: 0.10, lateShare: 0.15}
	linkedin = &channel{name: "linkedin", utmSources: []string{"linkedin", "LinkedIn", "li"}, utmMedium: "paid_social",
		cpl: 9500, platformClaim: 1.3, claimValue: 25500, contactMedian: 45, neverContacted: 0.04, scoreMean: 63,
		winRate: 0.45, dealMedian: 320000, failShare: 0.02, refundShare: 0.02, partialShare: 0.06, lateShare: 0.15}
	organic = &channel{name: "organic", contactMedian: 15, neverContacted: 0.05, scoreMean: 60,
		winRate: 0.44, dealMedian: 130000, failShare: 0.03, refundShare: 0.03, partialShare: 0.05, lateShare: 0.12}
	testChannel = &channel{name: "test", utmSources: []string{"test"}, utmMedium: "test",
		contactMedian: 600, neverContacted: 0.9, scoreMean: 20, winRate: 0}
)

// campaigns lists every paid campaign in generation order.
var campaigns = []*campaign{
	{google, "search_brand", 15000}, {google, "search_generic", 40000}, {google, "pmax", 25000},
	{facebook, "prospecting", 30000}, {facebook, "retargeting", 12000},
	{bing, "search_generic", 12000},
	{tiktok, "spark_ads", 20000}, {tiktok, "lead_gen_form", 15000},
	{linkedin, "decision_makers", 20000},
}

// Mean leads per day at scale 1 that arrive without a paid campaign.
const (
	organicPerDay = 5.0
	testPerDay    = 0.15
)
