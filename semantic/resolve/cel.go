package resolve

import (
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/expr"
	"github.com/metricsd/metricsd/semantic/model"
)

// celEnv is a compiled CEL environment; this file is the engine's only
// link to the CEL package.
type celEnv struct{ env *expr.Env }

var varTypes = map[VarType]expr.Type{
	VarString:    expr.String,
	VarInt:       expr.Int,
	VarDecimal:   expr.Decimal,
	VarFloat:     expr.Float,
	VarBool:      expr.Bool,
	VarTimestamp: expr.Timestamp,
	VarDate:      expr.Date,
}

func newCELEnv(vars []Var) (celEnv, error) {
	evs := make([]expr.Var, len(vars))
	for i, v := range vars {
		evs[i] = expr.Var{Name: v.Name, Type: varTypes[v.Type]}
	}
	env, err := expr.NewEnv(evs)
	return celEnv{env: env}, err
}

func compileCEL(env celEnv, e model.Expr) (*Condition, diag.List) {
	if env.env == nil {
		var diags diag.List
		diags.Add(diag.Internal, e.Pos, "no filter environment to compile %q in", e.Text)
		return nil, diags
	}
	f, diags := env.env.Compile(e)
	if diags.HasErrors() {
		return nil, diags
	}
	return &Condition{Text: e.Text, Names: f.Names(), prog: celProgram{f}}, diags
}

type celProgram struct{ f *expr.Filter }

func (p celProgram) writeSQL(w SQLWriter) (string, error) { return p.f.WriteSQL(w) }
