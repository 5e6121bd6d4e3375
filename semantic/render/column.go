package render

import (
	"strconv"

	"github.com/metricsd/metricsd/semantic/plan"
	"github.com/metricsd/metricsd/semantic/resolve"
)

// column writes a dimension value; time columns become local time in the
// query zone and, with a grain, the local start of their bucket: a date for
// day and coarser grains, a timestamp for finer ones.
func (r *renderer) column(c plan.Column) string {
	x := r.ref(c.Ref)
	t := c.Time
	if t == nil {
		return x
	}
	if t.Kind == resolve.Date {
		if t.Grain == "" || t.Grain == "day" {
			return x
		}
		return r.bucket("CAST("+x+" AS TIMESTAMP)", t)
	}
	local := r.local(x, t.Kind)
	if t.Grain == "" {
		return local
	}
	return r.bucket(local, t)
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
func (r *renderer) bucket(ts string, t *plan.TimeSpec) string {
	switch t.Grain {
	case "second", "minute", "hour":
		return "date_trunc('" + t.Grain + "', " + ts + ")"
	case "week":
		if shift := (7 - t.WeekStart) % 7; shift != 0 {
			iv := "INTERVAL '" + strconv.Itoa(shift) + " days'"
			return "CAST(date_trunc('week', " + ts + " + " + iv + ") - " + iv + " AS DATE)"
		}
	case "quarter", "year":
		if shift := t.FiscalStart - 1; shift > 0 {
			iv := "INTERVAL '" + strconv.Itoa(shift) + " months'"
			return "CAST(date_trunc('" + t.Grain + "', " + ts + " - " + iv + ") + " + iv + " AS DATE)"
		}
	}
	return "CAST(date_trunc('" + t.Grain + "', " + ts + ") AS DATE)"
}
