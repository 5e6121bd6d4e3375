package expr

import (
	"context"
	"sync"
	"testing"
	"time"
)

// TestConcurrentUse compiles and renders from many goroutines on one Env
// and evaluates one Guard concurrently. Run it with -race to check sharing.
func TestConcurrentUse(t *testing.T) {
	env := testEnv(t)
	g := mustGuard(t, "sources.ad_spend.age > duration('36h')")
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				f, diags := env.CompileText(benchFilter)
				if len(diags) > 0 {
					errs <- diags.Err().Error()
					return
				}
				if _, err := f.WriteSQL(&sqlWriter{dialect: DuckDB}); err != nil {
					errs <- err.Error()
					return
				}
				if ok, err := g.Eval(context.Background(), guardVars(40*time.Hour)); err != nil || !ok {
					errs <- "guard evaluated false or failed"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
