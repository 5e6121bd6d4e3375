package conformance

import (
	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/semantic/query"
)

// NotImplementedCodes are the diagnostic codes that mark a feature as
// recognised by the engine but not built yet. Only these let a query marked
// pending skip instead of fail.
var NotImplementedCodes = []diag.Code{diag.NotImplemented}

// Engine is one case's definitions built once by the semantic engine.
type Engine struct {
	model *semantic.Model
	// build holds the diagnostics of semantic.Build; with errors in it the
	// model is nil and every query reports them.
	build diag.List
}

// BuildEngine validates and resolves a definitions set.
func BuildEngine(set *model.Set) *Engine {
	m, diags := semantic.Build(set)
	return &Engine{model: m, build: diags}
}

// Compile compiles q for dialect. When the definitions did not build, the
// build diagnostics come back instead.
func (e *Engine) Compile(q query.Query, dialect string) (*semantic.Compiled, diag.List) {
	if e.model == nil {
		return nil, e.build
	}
	return semantic.Compile(e.model, q, dialect)
}

// notImplemented reports whether every error in diags is a not-implemented
// diagnostic.
func notImplemented(diags diag.List) bool {
	errs := diags.Errors()
	if len(errs) == 0 {
		return false
	}
	for _, d := range errs {
		if !hasCode(NotImplementedCodes, d.Code) {
			return false
		}
	}
	return true
}

func hasCode(codes []diag.Code, code diag.Code) bool {
	for _, c := range codes {
		if c == code {
			return true
		}
	}
	return false
}
