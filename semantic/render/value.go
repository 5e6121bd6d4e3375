package render

import (
	"regexp"

	"github.com/metricsd/metricsd/semantic/plan"
)

var numberRE = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// number writes a number from the definitions; anything else is bound.
func (r *renderer) number(s string) string {
	if numberRE.MatchString(s) {
		return s
	}
	return r.bind(s)
}

// value writes metric arithmetic over the merged row. Division is in
// double precision with NULLIF, so x/0 is NULL and integer counts divide
// exactly; multiplication widens decimals first.
func (r *renderer) value(v plan.Value) string {
	switch v := v.(type) {
	case *plan.AggValue:
		if v.Fill != "" {
			return "coalesce(" + r.q(v.Alias) + ", " + r.number(v.Fill) + ")"
		}
		return r.q(v.Alias)
	case *plan.Const:
		return r.number(v.Text)
	case *plan.Neg:
		return "(-" + r.value(v.X) + ")"
	case *plan.Fill:
		return "coalesce(" + r.value(v.X) + ", " + r.number(v.With) + ")"
	case *plan.Arith:
		l, rt := r.value(v.L), r.value(v.R)
		switch v.Op {
		case '/':
			return "(CAST(" + l + " AS " + r.d.Double() + ") / NULLIF(" + rt + ", 0))"
		case '*':
			return "(" + r.d.Widen(l) + " * " + rt + ")"
		}
		return "(" + l + " " + string(v.Op) + " " + rt + ")"
	}
	r.fail("render: unknown value %T", v)
	return ""
}
