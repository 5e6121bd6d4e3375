package expr_test

import (
	"context"
	"fmt"
	"time"

	"github.com/metricsd/metricsd/semantic/expr"
)

// placeholders numbers bind parameters the PostgreSQL way and quotes
// column names.
type placeholders struct{ args []any }

func (p *placeholders) Column(name string) (string, error) { return `"` + name + `"`, nil }

func (p *placeholders) Bind(v any) string {
	p.args = append(p.args, v)
	return fmt.Sprintf("$%d", len(p.args))
}

func (p *placeholders) Dialect() string { return expr.Postgres }

func ExampleFilter_WriteSQL() {
	env, err := expr.NewEnv([]expr.Var{
		{Name: "lead__channel", Type: expr.String},
		{Name: "deal__amount", Type: expr.Decimal},
	})
	if err != nil {
		panic(err)
	}
	f, diags := env.CompileText("lead__channel in ['paid', 'social'] && deal__amount >= 1000.50")
	if len(diags) > 0 {
		panic(diags.Err())
	}
	w := &placeholders{}
	sql, err := f.WriteSQL(w)
	if err != nil {
		panic(err)
	}
	fmt.Println(sql)
	fmt.Println(w.args)
	fmt.Println(f.Names())
	// Output:
	// ("lead__channel" IN ($1, $2) AND "deal__amount" >= CAST($3 AS NUMERIC))
	// [paid social 1000.50]
	// [deal__amount lead__channel]
}

func ExampleEnv_CompileText_diagnostic() {
	env, _ := expr.NewEnv([]expr.Var{{Name: "lead__channel", Type: expr.String}})
	_, diags := env.CompileText("lead_channel == 'paid'")
	for _, d := range diags {
		fmt.Println(d.Pos, d.Code, d.Summary, d.Suggestions)
	}
	// Output:
	// 1:1 CEL_UNKNOWN_NAME unknown name "lead_channel" [lead__channel]
}

func ExampleGuard_Eval() {
	g, diags := expr.CompileGuardText("sources.ad_spend.age > duration('36h')")
	if len(diags) > 0 {
		panic(diags.Err())
	}
	stale, err := g.Eval(context.Background(), map[string]any{
		"sources": map[string]map[string]any{
			"ad_spend": {"age": 40 * time.Hour, "status": "warn"},
		},
	})
	fmt.Println(stale, err)
	// Output:
	// true <nil>
}
