package resolve

import (
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

// celEnv is a compiled CEL environment.
// NOTE: the CEL to SQL compiler is not linked yet; every filter is reported
// as unsupported until it is.
type celEnv struct{ vars []Var }

func newCELEnv(vars []Var) (celEnv, error) { return celEnv{vars: vars}, nil }

func compileCEL(env celEnv, e model.Expr) (*Condition, diag.List) {
	var diags diag.List
	diags.Add(diag.CELUnsupported, e.Pos, "CEL filters are not available in this build: %q", e.Text)
	return nil, diags
}
