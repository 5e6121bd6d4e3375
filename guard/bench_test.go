package guard

import "testing"

// BenchmarkCheck measures the guard check one query pays: three metrics,
// two of them guarded, over cached programs.
func BenchmarkCheck(b *testing.B) {
	m, set := buildModel(b)
	statuses := loadStatuses(b, set, staleSpend)
	metrics := []string{"spend", "leads", "cost_per_lead"}
	ctx := b.Context()
	b.ResetTimer()
	for b.Loop() {
		if got := Check(ctx, m, metrics, statuses, now); len(got) != 2 {
			b.Fatalf("findings = %d, want 2", len(got))
		}
	}
}
