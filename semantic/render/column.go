package render

import (
	"strconv"

	"github.com/metricsd/metricsd/semantic/plan"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// column writes a dimension value; time columns become local time in the
// query zone and, with a grain, the local start of their bucket: a date for
// day and coarser grains, a timestamp for finer ones.
func (r *renderer) column(c plan.Column) {
	t := c.Time
	if t == nil || t.Kind == resolve.Date && (t.Grain == "" || t.Grain == "day") {
		r.ref(c.Ref)
		return
	}
	x := r.capture(func() { r.ref(c.Ref) })
	if t.Kind == resolve.Date {
		r.bucket("CAST("+x+" AS TIMESTAMP)", t)
		return
	}
	local := r.local(x, t.Kind)
	if t.Grain == "" {
		r.w(local)
		return
	}
	r.bucket(local, t)
}

func (r *renderer) local(x string, kind resolve.TimeKind) string {
	if kind == resolve.Timestamp && r.p.TimeZone == "UTC" {
		return x
	}
	return r.d.LocalTime(x, kind, r.zone())
}

// bucket truncates a local timestamp. Weeks starting on another day than
// Monday shift by the days to the next Monday and back; fiscal quarters
// and years shift by the months before the fiscal start.
func (r *renderer) bucket(ts string, t *plan.TimeSpec) {
	switch t.Grain {
	case "second", "minute", "hour":
		r.w("date_trunc('" + t.Grain + "', " + ts + ")")
		return
	case "week":
		if shift := (7 - t.WeekStart) % 7; shift != 0 {
			iv := "INTERVAL '" + strconv.Itoa(shift) + " days'"
			r.w("CAST(date_trunc('week', " + ts + " + " + iv + ") - " + iv + " AS DATE)")
			return
		}
	case "quarter", "year":
		if shift := t.FiscalStart - 1; shift > 0 {
			iv := "INTERVAL '" + strconv.Itoa(shift) + " months'"
			r.w("CAST(date_trunc('" + t.Grain + "', " + ts + " - " + iv + ") + " + iv + " AS DATE)")
			return
		}
	}
	r.w("CAST(date_trunc('" + t.Grain + "', " + ts + ") AS DATE)")
}
