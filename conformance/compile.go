package conformance

import (
	"errors"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

// ErrNoEngine reports that this build has no semantic engine to compile
// queries with; the runner then checks only the reference SQL.
var ErrNoEngine = errors.New("the semantic engine facade (semantic.Build, semantic.Compile) is not in this build yet")

// Compiled is the engine's SQL for one dialect with its bind parameters.
type Compiled struct {
	SQL  string
	Args []any
	Plan string
}

// NotImplementedCodes are the diagnostic codes with which the engine says a
// feature is recognised but not built yet. Only these let a query marked
// pending skip instead of fail.
var NotImplementedCodes = []diag.Code{"NOT_IMPLEMENTED"}

// CompileQuery compiles q against the definitions for dialect. Rejections
// come back as diagnostics; err is for failures outside the definitions
// and the query.
func CompileQuery(set *model.Set, q Query, dialect string) (*Compiled, diag.List, error) {
	return nil, nil, ErrNoEngine
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
