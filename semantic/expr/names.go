package expr

import (
	"fmt"
	"strings"

	"github.com/google/cel-go/cel"
	celast "github.com/google/cel-go/common/ast"

	"github.com/metricsd/metricsd/semantic/diag"
)

// scope lists the names an expression may reference and reports the others
// as CEL_UNKNOWN_NAME with suggestions. It runs on the parsed
// expression, before the type checker, so a typo gets a did-you-mean
// instead of the checker's "undeclared reference".
type scope struct {
	declared map[string]bool
	names    []string // sorted, for suggestions and the detail text
	kind     string   // "filters" or "guards", for the detail text
}

// unknownNames reports every reference to an undeclared variable. Dotted
// references (customer.region) are reported whole, and a dotted name whose
// `__` spelling exists is suggested first.
func (s scope) unknownNames(e celast.Expr, src *source) diag.List {
	var diags diag.List
	s.walk(e, nil, func(root, name string, id int64) {
		if s.declared[root] {
			return
		}
		d := diags.Add(diag.CELUnknownName, src.at(id), "unknown name %q", name)
		d.WithSuggestions(s.suggest(root, name))
		d.WithDetail(s.detail())
	})
	return diags
}

// suggest proposes names for an unknown reference. For a dotted name it
// tries the `__` spelling, then the whole name, then the identifier it
// starts with (sorces.ad_spend.age suggests sources.ad_spend.age).
func (s scope) suggest(root, name string) []string {
	var out []string
	add := func(c string) {
		for _, o := range out {
			if o == c {
				return
			}
		}
		out = append(out, c)
	}
	if alt := strings.ReplaceAll(name, ".", "__"); alt != name && s.declared[alt] {
		add(alt)
	}
	for _, c := range diag.Suggest(name, s.names) {
		add(c)
	}
	if root != name {
		for _, c := range diag.Suggest(root, s.names) {
			add(c + name[len(root):])
		}
	}
	return out
}

func (s scope) detail() string {
	const maxListed = 20
	list := s.names
	more := ""
	if len(list) > maxListed {
		more = fmt.Sprintf(" and %d more", len(list)-maxListed)
		list = list[:maxListed]
	}
	return fmt.Sprintf("%s may reference: %s%s", s.kind, strings.Join(list, ", "), more)
}

// referenced returns the declared variables an expression uses, sorted.
func (s scope) referenced(e celast.Expr) []string {
	seen := map[string]bool{}
	s.walk(e, nil, func(root, _ string, _ int64) {
		if s.declared[root] {
			seen[root] = true
		}
	})
	return sortedKeys(seen)
}

// report receives a free reference: the identifier, the dotted name it
// starts (the identifier itself when not selected from) and its node id.
type report func(root, name string, id int64)

// walk calls report for each identifier not bound by an enclosing
// comprehension (the variables of macros like exists).
func (s scope) walk(e celast.Expr, bound map[string]bool, report report) {
	switch e.Kind() {
	case celast.IdentKind:
		if name := e.AsIdent(); !bound[name] {
			report(name, name, e.ID())
		}
	case celast.SelectKind:
		s.walkSelect(e, bound, report)
	case celast.CallKind:
		c := e.AsCall()
		if c.IsMemberFunction() {
			s.walk(c.Target(), bound, report)
		}
		for _, a := range c.Args() {
			s.walk(a, bound, report)
		}
	case celast.ListKind:
		for _, el := range e.AsList().Elements() {
			s.walk(el, bound, report)
		}
	case celast.MapKind:
		for _, en := range e.AsMap().Entries() {
			s.walk(en.AsMapEntry().Key(), bound, report)
			s.walk(en.AsMapEntry().Value(), bound, report)
		}
	case celast.StructKind:
		for _, f := range e.AsStruct().Fields() {
			s.walk(f.AsStructField().Value(), bound, report)
		}
	case celast.ComprehensionKind:
		s.walkComprehension(e.AsComprehension(), bound, report)
	}
}

func (s scope) walkSelect(e celast.Expr, bound map[string]bool, report report) {
	root, dotted := e, []string{}
	for root.Kind() == celast.SelectKind {
		dotted = append([]string{root.AsSelect().FieldName()}, dotted...)
		root = root.AsSelect().Operand()
	}
	if root.Kind() != celast.IdentKind {
		s.walk(root, bound, report)
		return
	}
	name := root.AsIdent()
	if !bound[name] {
		report(name, name+"."+strings.Join(dotted, "."), root.ID())
	}
}

func (s scope) walkComprehension(c celast.ComprehensionExpr, bound map[string]bool, report report) {
	s.walk(c.IterRange(), bound, report)
	s.walk(c.AccuInit(), bound, report)
	inner := map[string]bool{c.IterVar(): true, c.AccuVar(): true}
	if c.HasIterVar2() {
		inner[c.IterVar2()] = true
	}
	for k := range bound {
		inner[k] = true
	}
	s.walk(c.LoopCondition(), inner, report)
	s.walk(c.LoopStep(), inner, report)
	s.walk(c.Result(), inner, report)
}

// macros are the CEL macros, named in messages because filters parse with
// macros turned off and would otherwise report them as unknown functions.
var macros = map[string]bool{"all": true, "exists": true, "exists_one": true, "map": true, "filter": true, "has": true}

// filterFunctions are the calls a filter may contain. The translator
// narrows their operands further.
var filterFunctions = map[string]bool{
	opAnd: true, opOr: true, opNot: true, opEquals: true, opNotEquals: true,
	opLess: true, opLessEq: true, opGreater: true, opGreaterEq: true, opIn: true,
	opAdd: true, opSubtract: true, fnStarts: true, fnEnds: true, fnContains: true,
	fnTimestamp: true, fnDate: true, fnDuration: true,
}

// unsupportedCalls reports calls, maps and messages that have no SQL form.
func unsupportedCalls(e celast.Expr, src *source) diag.List {
	var diags diag.List
	celast.PreOrderVisit(e, celast.NewExprVisitor(func(e celast.Expr) {
		switch e.Kind() {
		case celast.CallKind:
			fn := e.AsCall().FunctionName()
			switch {
			case filterFunctions[fn]:
			case macros[fn]:
				diags.Add(diag.CELUnsupported, src.callName(e.ID(), fn), "macro %s has no SQL translation", fn).WithDetail(supportedSQL)
			case strings.HasPrefix(fn, "_") || strings.HasSuffix(fn, "_"):
				diags.Add(diag.CELUnsupported, src.at(e.ID()), "%s has no SQL translation", callName(fn)).WithDetail(supportedSQL)
			default:
				diags.Add(diag.CELUnsupported, src.callName(e.ID(), fn), "function %s has no SQL translation", fn).WithDetail(supportedSQL)
			}
		case celast.MapKind, celast.StructKind, celast.ComprehensionKind:
			diags.Add(diag.CELUnsupported, src.at(e.ID()), "%s has no SQL translation", kindName(e)).WithDetail(supportedSQL)
		}
	}))
	return diags
}

// issueDiags converts parser or checker issues. Checker reports of an
// undeclared reference become CEL_UNKNOWN_NAME. The scope walk catches
// variables first, so these name functions or types.
func issueDiags(iss *cel.Issues, code diag.Code, src *source) diag.List {
	var diags diag.List
	for _, e := range iss.Errors() {
		c := code
		if strings.HasPrefix(e.Message, "undeclared reference to ") {
			c = diag.CELUnknownName
		}
		diags.Add(c, src.location(e.Location), "%s", userTypeNames.Replace(e.Message))
	}
	return diags
}

// userTypeNames rewrites CEL's names for the types variables are declared
// with into the names filter authors wrote.
var userTypeNames = strings.NewReplacer(
	"wrapper(string)", "string",
	"wrapper(bool)", "bool",
	"google.protobuf.Timestamp", "timestamp",
	"google.protobuf.Duration", "duration",
)
