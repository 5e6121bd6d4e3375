package expr

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/google/cel-go/cel"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

// Env is the set of variables the filters of one scope may reference, with
// the CEL environment that declares them. Build it once per scope and share
// it: Compile and CompileText are safe for concurrent use.
type Env struct {
	cel   *cel.Env
	vars  map[string]Type
	scope scope
}

// Filter is a compiled filter: checked, translated, and ready to render as
// SQL any number of times.
type Filter struct {
	text  string
	root  node
	names []string
}

var identifier = regexp.MustCompile(`^[_a-zA-Z][_a-zA-Z0-9]*$`)

// reserved are CEL's reserved words, which cannot name a variable.
var reserved = map[string]bool{
	"false": true, "in": true, "null": true, "true": true, "as": true, "break": true,
	"const": true, "continue": true, "else": true, "for": true, "function": true,
	"if": true, "import": true, "let": true, "loop": true, "package": true,
	"namespace": true, "return": true, "var": true, "void": true, "while": true,
}

// maxFilterLength caps a filter's length in code points. Query-time filters
// come from API clients, and the cap keeps parsing cheap and the number of
// bind parameters far below PostgreSQL's 65,535.
const maxFilterLength = 10_000

// NewEnv declares vars for filters. Names must be CEL identifiers
// (letters, digits and underscores, not a reserved word) and unique.
func NewEnv(vars []Var) (*Env, error) {
	env := &Env{vars: map[string]Type{}, scope: scope{declared: map[string]bool{}, kind: "filters"}}
	opts := []cel.EnvOption{
		cel.ClearMacros(),
		cel.CrossTypeNumericComparisons(true),
		cel.ParserExpressionSizeLimit(maxFilterLength),
		cel.Function(fnDate, cel.Overload("date_string", []*cel.Type{cel.StringType}, cel.TimestampType)),
	}
	for _, v := range vars {
		if !identifier.MatchString(v.Name) || reserved[v.Name] {
			return nil, fmt.Errorf("declare filter variable %q: not a CEL identifier (letters, digits and _, not a reserved word)", v.Name)
		}
		if _, dup := env.vars[v.Name]; dup {
			return nil, fmt.Errorf("declare filter variable %q: declared twice", v.Name)
		}
		t, err := v.Type.celType()
		if err != nil {
			return nil, fmt.Errorf("declare filter variable %q: %w", v.Name, err)
		}
		env.vars[v.Name] = v.Type
		env.scope.declared[v.Name] = true
		env.scope.names = append(env.scope.names, v.Name)
		opts = append(opts, cel.Variable(v.Name, t))
	}
	sort.Strings(env.scope.names)
	ce, err := cel.NewEnv(opts...)
	if err != nil {
		return nil, fmt.Errorf("build CEL environment: %w", err)
	}
	env.cel = ce
	return env, nil
}

// Compile parses, type-checks and translates a filter written in a
// definitions file. Diagnostics point at the file position inside the YAML
// scalar. The filter must be a condition (bool).
func (env *Env) Compile(e model.Expr) (*Filter, diag.List) {
	return env.compile(newSource(e))
}

// CompileText compiles a query-time filter. Diagnostic positions are
// relative to text: line 1, column 1 is its first character, and File is
// empty.
func (env *Env) CompileText(text string) (*Filter, diag.List) {
	return env.compile(newSource(textExpr(text)))
}

func (env *Env) compile(src *source) (*Filter, diag.List) {
	parsed, diags := env.parse(src)
	if len(diags) > 0 {
		return nil, diags
	}

	checked, iss := env.cel.Check(parsed)
	if iss.Err() != nil {
		return nil, issueDiags(iss, diag.CELType, src)
	}
	if out := checked.OutputType(); !isBool(out) {
		diags.Add(diag.CELType, src.pos(1, 0), "filter must be a condition (bool), got %s", userTypeNames.Replace(out.String()))
		return nil, diags
	}

	t := &translator{env: env, src: src, names: map[string]bool{}}
	root := t.condition(checked.NativeRep().Expr())
	if len(t.diags) > 0 || root == nil {
		t.diags.Sort()
		return nil, t.diags
	}
	return &Filter{text: src.expr.Text, root: root, names: sortedKeys(t.names)}, nil
}

// parse parses a filter and runs the checks that need no types: functions
// without a SQL form, then unknown names. Unsupported calls go first
// because with macros off, the variables of a macro like exists would
// otherwise be reported as unknown names.
func (env *Env) parse(src *source) (*cel.Ast, diag.List) {
	var diags diag.List
	if strings.TrimSpace(src.expr.Text) == "" {
		diags.Add(diag.CELSyntax, src.pos(1, 0), "empty filter: write a condition such as x == 'a'")
		return nil, diags
	}
	parsed, iss := env.cel.Parse(src.expr.Text)
	if iss.Err() != nil {
		return nil, issueDiags(iss, diag.CELSyntax, src)
	}

	native := parsed.NativeRep()
	src.info = native.SourceInfo()
	if diags = unsupportedCalls(native.Expr(), src); len(diags) > 0 {
		diags.Sort()
		return nil, diags
	}
	diags = env.scope.unknownNames(native.Expr(), src)
	diags.Sort()
	return parsed, diags
}

// isBool accepts bool, its nullable wrapper (a bare Bool variable) and dyn
// (a bare numeric variable, which the translator then rejects with a type
// diagnostic).
func isBool(t *cel.Type) bool {
	return t.IsExactType(cel.BoolType) || t.IsExactType(cel.NullableType(cel.BoolType)) || t.IsExactType(cel.DynType)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Names returns the variables the filter references, sorted and unique.
func (f *Filter) Names() []string { return append([]string(nil), f.names...) }

// Text returns the filter as written.
func (f *Filter) Text() string { return f.text }
