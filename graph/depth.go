package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// depthLimit rejects operations nested deeper than max fields. The schema
// itself is shallow; the limit stops crafted introspection queries that nest
// ofType or fields hundreds of levels deep.
type depthLimit struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit{}

func (depthLimit) ExtensionName() string { return "DepthLimit" }

func (depthLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (d depthLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if depth := selectionDepth(oc.Operation.SelectionSet, d.max+1); depth > d.max {
		err := gqlerror.Errorf("operation is nested %d fields deep; the limit is %d", depth, d.max)
		err.Extensions = map[string]any{"code": "QUERY_TOO_DEEP"}
		return err
	}
	return nil
}

// selectionDepth returns the nesting depth of set, stopping once it passes
// stop so fragment cycles (rejected by validation anyway) cannot loop.
func selectionDepth(set ast.SelectionSet, stop int) int {
	if stop <= 0 {
		return 0
	}
	deepest := 0
	for _, sel := range set {
		var d int
		switch sel := sel.(type) {
		case *ast.Field:
			d = 1 + selectionDepth(sel.SelectionSet, stop-1)
		case *ast.InlineFragment:
			d = selectionDepth(sel.SelectionSet, stop)
		case *ast.FragmentSpread:
			if sel.Definition != nil {
				d = selectionDepth(sel.Definition.SelectionSet, stop)
			}
		default:
			panic(fmt.Sprintf("unexpected selection %T", sel))
		}
		deepest = max(deepest, d)
	}
	return deepest
}
