package expr

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/cockroachdb/apd/v3"
	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/interpreter"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

// GuardCostLimit caps the work of one guard evaluation, in CEL cost units
// (roughly one per operation and per element a macro visits). The
// freshness guard `sources.ad_spend.age > duration('36h') && rows > 0`
// costs 7 units, and three nested maps over ten-element lists cost about
// 20,000, so the limit stops runaway macros and nothing a guard needs.
const GuardCostLimit = 10_000

// guardInterruptEvery is how many comprehension iterations pass between
// checks of the context, so a cancelled request stops a long guard.
const guardInterruptEvery = 100

// ErrGuardCostLimit is returned (wrapped) when a guard exceeds
// GuardCostLimit.
var ErrGuardCostLimit = errors.New("guard exceeded its cost limit")

// Guard is a compiled guard condition, evaluated in Go. The CEL program is
// built once by CompileGuard, and Eval is safe for concurrent use.
type Guard struct {
	text    string
	prg     cel.Program
	names   []string
	sources []SourceRef
}

// Guard variables.
const (
	GuardValue   = "value"   // double: the metric value of a result row, absent when the guard runs before the query
	GuardRows    = "rows"    // int: the number of result rows with a non-NULL value of the metric
	GuardMetric  = "metric"  // string: the metric name
	GuardSources = "sources" // map(string, map(string, dyn)): per source, age (duration), newest (timestamp), status (ok | warn | error | unchecked)
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
		cel.ParserExpressionSizeLimit(maxFilterLength),
	)
})

// CompileGuard compiles a guard condition written in a definitions file.
// Diagnostics point at the file position inside the YAML scalar.
func CompileGuard(e model.Expr) (*Guard, diag.List) {
	return compileGuard(newSource(e))
}

// CompileGuardText compiles a guard given as text. Diagnostic positions
// are relative to text, as for Env.CompileText.
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
	parsed, names, diags := parseGuard(env, src)
	if len(diags) > 0 {
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
	g := &Guard{text: src.expr.Text, prg: prg, names: names}
	g.sources = guardSources(parsed.NativeRep().Expr(), src)
	return g, nil
}

// parseGuard parses a guard, reports unknown names, and returns the guard
// variables it references.
func parseGuard(env *cel.Env, src *source) (*cel.Ast, []string, diag.List) {
	var diags diag.List
	if strings.TrimSpace(src.expr.Text) == "" {
		diags.Add(diag.CELSyntax, src.pos(1, 0), "empty guard: write a condition such as sources.ad_spend.age > duration('36h')")
		return nil, nil, diags
	}
	parsed, iss := env.Parse(src.expr.Text)
	if iss.Err() != nil {
		return nil, nil, issueDiags(iss, diag.CELSyntax, src)
	}

	native := parsed.NativeRep()
	src.info = native.SourceInfo()
	sc := guardScope()
	diags = sc.unknownNames(native.Expr(), src)
	diags.Sort()
	return parsed, sc.referenced(native.Expr()), diags
}

func guardScope() scope {
	names := []string{GuardMetric, GuardNow, GuardRows, GuardSources, GuardValue}
	sc := scope{declared: map[string]bool{}, names: names, kind: "guards"}
	for _, n := range names {
		sc.declared[n] = true
	}
	return sc
}

// Eval evaluates the guard. vars holds the guard variables: value as
// float64, int64, int or *apd.Decimal (a warehouse result), rows as int or
// int64, metric as string, sources as
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
	vars, err := normalizeValue(vars)
	if err != nil {
		return false, fmt.Errorf("evaluate guard %q: %w", g.text, err)
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

// normalizeValue converts the value variable to float64, the type guards
// declare. A decimal loses digits beyond float64 precision, which is fine
// for a threshold check. It copies vars only when value needs converting.
func normalizeValue(vars map[string]any) (map[string]any, error) {
	v, ok := vars[GuardValue]
	if !ok {
		return vars, nil
	}
	var f float64
	switch v := v.(type) {
	case float64:
		return vars, nil
	case nil:
		return nil, fmt.Errorf("value is NULL for this row")
	case int:
		f = float64(v)
	case int64:
		f = float64(v)
	case *apd.Decimal:
		var err error
		if f, err = v.Float64(); err != nil {
			return nil, fmt.Errorf("value %s does not fit a float64: %w", v, err)
		}
	default:
		return nil, fmt.Errorf("value has Go type %T, want float64, int64 or *apd.Decimal", v)
	}
	out := make(map[string]any, len(vars))
	for k, x := range vars {
		out[k] = x
	}
	out[GuardValue] = f
	return out, nil
}
