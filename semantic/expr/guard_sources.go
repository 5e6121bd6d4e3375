package expr

import (
	celast "github.com/google/cel-go/common/ast"
	"github.com/google/cel-go/common/types"

	"github.com/metricsd/metricsd/semantic/diag"
)

// SourceRef is a source a guard reads through the sources variable, as
// sources.name or sources['name'], with the position of the name.
type SourceRef struct {
	Name string
	Pos  diag.Pos
}

// Sources returns the sources the guard names, one entry per reference,
// so a validator can check them against the catalog. CEL accepts any key of
// the sources map, so a misspelled one would only fail at evaluation.
func (g *Guard) Sources() []SourceRef { return append([]SourceRef(nil), g.sources...) }

// guardSources finds sources.name and sources['name'] in a parsed guard.
func guardSources(e celast.Expr, src *source) []SourceRef {
	var refs []SourceRef
	celast.PreOrderVisit(e, celast.NewExprVisitor(func(e celast.Expr) {
		switch e.Kind() {
		case celast.SelectKind:
			sel := e.AsSelect()
			if isSourcesIdent(sel.Operand()) {
				refs = append(refs, SourceRef{Name: sel.FieldName(), Pos: src.selectField(e.ID(), sel.FieldName())})
			}
		case celast.CallKind:
			c := e.AsCall()
			if c.FunctionName() != "_[_]" || len(c.Args()) != 2 || !isSourcesIdent(c.Args()[0]) {
				return
			}
			key := c.Args()[1]
			if name, ok := key.AsLiteral().(types.String); ok && key.Kind() == celast.LiteralKind {
				refs = append(refs, SourceRef{Name: string(name), Pos: src.at(key.ID())})
			}
		}
	}))
	return refs
}

func isSourcesIdent(e celast.Expr) bool {
	return e.Kind() == celast.IdentKind && e.AsIdent() == GuardSources
}
