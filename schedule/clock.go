package schedule

import "time"

// Clock is the time source of a Scheduler. Tests pass a clock they advance
// by hand.
type Clock interface {
	Now() time.Time
	// At returns a channel that receives once the clock reaches t, at once
	// when t is not after Now.
	At(t time.Time) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) At(t time.Time) <-chan time.Time { return time.After(time.Until(t)) }
