package expr

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/interpreter"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

// GuardCostLimit caps the work of one guard evaluation, in CEL cost units
// (roughly one per operation and per element a macro visits). Guards are
// small conditions over a handful of values: a comparison costs a few
// units, so the limit only stops runaway macros over large lists.
const GuardCostLimit = 10_000

// guardInterruptEvery is how many comprehension iterations pass between
// checks of the context, so a cancelled request stops a long guard.
const guardInterruptEvery = 100

// ErrGuardCostLimit is returned (wrapped) when a guard exceeds
// GuardCostLimit.
var ErrGuardCostLimit = errors.New("guard exceeded its cost limit")

// Guard is a compiled guard condition, evaluated in Go. The program is
// built once; Eval is safe for concurrent use.
type Guard struct {
	text  string
	prg   cel.Program
	names []string
}

// Guard variables.
const (
	GuardValue   = "value"   // double: the metric value of a result row; absent when the guard runs before the query
	GuardRows    = "rows"    // int: the number of result rows
	GuardMetric  = "metric"  // string: the metric name
	GuardSources = "sources" // map(string, map(string, dyn)): per source, age (duration), newest (timestamp), status (ok | warn | error)
	GuardNow     = "now"     // timestamp: the evaluation time
)

// guardEnv declares the guard variables. Alert conditions reuse it, so
// this is the one place they are declared.
var guardEnv = sync.OnceValues(func() (*cel.Env, error) {
	return cel.NewEnv(
		cel.Variable(GuardValue, cel.DoubleType),
		cel.Variable(GuardRows, cel.IntType),
		cel.Variable(GuardMetric, cel.StringType),
		cel.Variable(GuardSources, cel.MapType(cel.StringType, cel.MapType(cel.StringType, cel.DynType))),
		cel.Variable(GuardNow, cel.TimestampType),
		cel.CrossTypeNumericComparisons(true),
	)
})

// CompileGuard compiles a guard condition written in a definitions file;
// diagnostics point at the file position inside the YAML scalar.
func CompileGuard(e model.Expr) (*Guard, diag.List) {
	return compileGuard(newSource(e))
}

// CompileGuardText compiles a guard given as text; diagnostic positions
// are relative to text.
func CompileGuardText(text string) (*Guard, diag.List) {
	return compileGuard(newSource(textExpr(text)))
}

func compileGuard(src *source) (*Guard, diag.List) {
	var diags diag.List
	env, err := guardEnv()
	if err != nil {
		diags.Add(diag.Internal, src.pos(1, 0), "build the guard environment: %v", err)
		return nil, diags
	}
	if strings.TrimSpace(src.expr.Text) == "" {
		diags.Add(diag.CELSyntax, src.pos(1, 0), "empty guard: write a condition such as sources.ad_spend.age > duration('36h')")
		return nil, diags
	}
	parsed, iss := env.Parse(src.expr.Text)
	if iss.Err() != nil {
		return nil, issueDiags(iss, diag.CELSyntax, src)
	}
	native := parsed.NativeRep()
	src.info = native.SourceInfo()
	sc := guardScope()
	if diags = sc.unknownNames(native.Expr(), src); len(diags) > 0 {
		diags.Sort()
		return nil, diags
	}
	checked, iss := env.Check(parsed)
	if iss.Err() != nil {
		return nil, issueDiags(iss, diag.CELType, src)
	}
	if out := checked.OutputType(); !out.IsExactType(cel.BoolType) && !out.IsExactType(cel.DynType) {
		diags.Add(diag.CELType, src.pos(1, 0), "guard must be a condition (bool), got %s", out)
		return nil, diags
	}
	prg, err := env.Program(checked,
		cel.CostLimit(GuardCostLimit),
		cel.InterruptCheckFrequency(guardInterruptEvery),
	)
	if err != nil {
		diags.Add(diag.CELType, src.pos(1, 0), "build guard program: %v", err)
		return nil, diags
	}
	return &Guard{text: src.expr.Text, prg: prg, names: sc.referenced(native.Expr())}, nil
}

func guardScope() scope {
	names := []string{GuardMetric, GuardNow, GuardRows, GuardSources, GuardValue}
	sc := scope{declared: map[string]bool{}, names: names, what: "guards"}
	for _, n := range names {
		sc.declared[n] = true
	}
	return sc
}

// Eval evaluates the guard. vars holds the guard variables: value as
// float64, rows as int or int64, metric as string, sources as
// map[string]map[string]any with age a time.Duration and newest a
// time.Time, now as time.Time. It fails when the guard references a
// variable vars lacks, reads a source key that is absent, exceeds
// GuardCostLimit (ErrGuardCostLimit) or ctx ends (the context's error).
func (g *Guard) Eval(ctx context.Context, vars map[string]any) (bool, error) {
	for _, name := range g.names {
		if _, ok := vars[name]; !ok {
			return false, fmt.Errorf("evaluate guard %q: %s is not set for this evaluation", g.text, name)
		}
	}
	out, _, err := g.prg.ContextEval(ctx, vars)
	if err != nil {
		return false, g.evalError(ctx, err)
	}
	b, ok := out.Value().(bool)
	if !ok {
		return false, fmt.Errorf("evaluate guard %q: result is %v (%s), want bool", g.text, out.Value(), out.Type().TypeName())
	}
	return b, nil
}

func (g *Guard) evalError(ctx context.Context, err error) error {
	var cancelled interpreter.EvalCancelledError
	switch {
	case errors.As(err, &cancelled) && cancelled.Cause == interpreter.CostLimitExceeded:
		return fmt.Errorf("evaluate guard %q: %w (%d units)", g.text, ErrGuardCostLimit, GuardCostLimit)
	case ctx.Err() != nil:
		return fmt.Errorf("evaluate guard %q: %w", g.text, ctx.Err())
	}
	return fmt.Errorf("evaluate guard %q: %w", g.text, err)
}

// Names returns the guard variables the guard references, sorted.
func (g *Guard) Names() []string { return append([]string(nil), g.names...) }

// Text returns the guard as written.
func (g *Guard) Text() string { return g.text }
