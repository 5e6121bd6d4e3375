package expr

import (
	"context"
	"testing"
	"time"
)

const benchFilter = "channel in ['paid', 'organic'] && amount > 100.50 && " +
	"created_at >= timestamp('2024-01-01T00:00:00Z') - duration('36h') && !channel.startsWith('test_')"

func BenchmarkNewEnv(b *testing.B) {
	for b.Loop() {
		testEnv(b)
	}
}

func BenchmarkCompile(b *testing.B) {
	env := testEnv(b)
	for b.Loop() {
		if _, diags := env.CompileText(benchFilter); len(diags) > 0 {
			b.Fatal(diags)
		}
	}
}

func BenchmarkWriteSQL(b *testing.B) {
	env := testEnv(b)
	f, diags := env.CompileText(benchFilter)
	if len(diags) > 0 {
		b.Fatal(diags)
	}
	for b.Loop() {
		if _, err := f.WriteSQL(&sqlWriter{dialect: Postgres}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGuardEval(b *testing.B) {
	g, diags := CompileGuardText("sources.ad_spend.age > duration('36h') && rows > 0")
	if len(diags) > 0 {
		b.Fatal(diags)
	}
	vars := guardVars(40 * time.Hour)
	ctx := context.Background()
	for b.Loop() {
		if _, err := g.Eval(ctx, vars); err != nil {
			b.Fatal(err)
		}
	}
}
