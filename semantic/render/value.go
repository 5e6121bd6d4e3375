package render

import (
	"regexp"

	"github.com/metricsd/metricsd/semantic/plan"
)

var numberRE = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// number writes a number from the definitions; anything else is bound.
func (r *renderer) number(s string) {
	if numberRE.MatchString(s) {
		r.w(s)
		return
	}
	r.w(r.bind(s))
}

// value writes metric arithmetic over the merged row. Division is in
// double precision with NULLIF, so x/0 is NULL and integer counts divide
// exactly; multiplication widens decimals first.
func (r *renderer) value(v plan.Value) {
	switch v := v.(type) {
	case *plan.AggValue:
		if v.Fill == "" {
			r.ident(v.Alias)
			return
		}
		r.w("coalesce(")
		r.ident(v.Alias)
		r.w(", ")
		r.number(v.Fill)
		r.w(")")
	case *plan.Const:
		r.number(v.Text)
	case *plan.Neg:
		r.w("(-")
		r.value(v.X)
		r.w(")")
	case *plan.Fill:
		r.w("coalesce(")
		r.value(v.X)
		r.w(", ")
		r.number(v.With)
		r.w(")")
	case *plan.Arith:
		r.arith(v)
	default:
		r.fail("render: unknown value %T", v)
	}
}

func (r *renderer) arith(v *plan.Arith) {
	switch v.Op {
	case '/':
		r.w("(CAST(")
		r.value(v.L)
		r.w(" AS " + r.d.Double() + ") / NULLIF(")
		r.value(v.R)
		r.w(", 0))")
	case '*':
		r.w("(")
		r.w(r.d.Widen(r.capture(func() { r.value(v.L) })))
		r.w(" * ")
		r.value(v.R)
		r.w(")")
	default:
		r.w("(")
		r.value(v.L)
		r.w(" " + string(v.Op) + " ")
		r.value(v.R)
		r.w(")")
	}
}
