package demo

import (
	"math"
	"math/rand/v2"
)

// rng wraps the one random stream of a generation run.
type rng struct{ *rand.Rand }

// newRNG seeds a PCG generator. The second PCG word is a constant so that
// Seed alone decides the stream.
func newRNG(seed uint64) rng {
	return rng{rand.New(rand.NewPCG(seed, 0x6d657472696373))}
}

// chance returns true with probability p.
func (r rng) chance(p float64) bool { return r.Float64() < p }

// between returns a uniform float in [lo, hi).
func (r rng) between(lo, hi float64) float64 { return lo + r.Float64()*(hi-lo) }

// logNormal returns a draw with the given median and log-scale sigma.
func (r rng) logNormal(median, sigma float64) float64 {
	return median * math.Exp(sigma*r.NormFloat64())
}

// poisson returns a Poisson draw with mean lambda: Knuth's product method
// for small means, a rounded normal approximation for large ones.
func (r rng) poisson(lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	if lambda > 40 {
		n := math.Round(lambda + math.Sqrt(lambda)*r.NormFloat64())
		return int(math.Max(n, 0))
	}
	limit := math.Exp(-lambda)
	p, n := 1.0, 0
	for {
		p *= r.Float64()
		if p <= limit {
			return n
		}
		n++
	}
}

// pick returns one element of items, uniformly.
func pick[T any](r rng, items []T) T { return items[r.IntN(len(items))] }

// weighted returns an index drawn with the given weights.
func (r rng) weighted(weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := r.Float64() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}
