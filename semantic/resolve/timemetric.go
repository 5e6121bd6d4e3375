package resolve

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/semantic/timeparse"
)

// Interval is a calendar step: N units of second, minute, hour, day, month
// or year. Weeks are stored as 7 days and quarters as 3 months, so "1 week"
// and "7 days" are the same window.
type Interval struct {
	N    int
	Unit string
}

// SQL is the interval literal, built only from the parsed count and a unit
// from a fixed list.
func (iv Interval) SQL() string {
	return "INTERVAL '" + strconv.Itoa(iv.N) + " " + iv.Unit + "s'"
}

// Fixed reports whether the interval has a fixed length (a day or less).
func (iv Interval) Fixed() bool { return iv.Unit != "month" && iv.Unit != "year" }

// ParseInterval reads a window or offset as the validator does.
func ParseInterval(s string) (Interval, error) {
	n, unit, err := timeparse.ParseWindow(s)
	if err != nil {
		return Interval{}, err
	}
	switch unit {
	case "week":
		return Interval{N: 7 * n, Unit: "day"}, nil
	case "quarter":
		return Interval{N: 3 * n, Unit: "month"}, nil
	}
	return Interval{N: n, Unit: unit}, nil
}

// Cumulative is a running aggregate of a measure over the time spine.
type Cumulative struct {
	Window      *Interval // nil: grain to date or all time
	GrainToDate string    // e.g. "month"; empty with no window: all time
	// PeriodAgg picks one value per query bucket when the query grain is
	// coarser than a day: last (the default), first or average.
	PeriodAgg string
}

// Conversion matches base events to conversion events of the same entity.
type Conversion struct {
	Entity  string
	Base    *MeasureUse
	Conv    *MeasureUse
	Window  Interval
	Rate    bool // conversion_rate; else conversions
	Props   []PropertyPair
	BaseEnt *Entity
	ConvEnt *Entity
}

// PropertyPair is a dimension both events must agree on.
type PropertyPair struct{ Base, Conv *Dim }

// TimeToEvent is a statistic of the lag from each entity's start to its
// earliest end event.
type TimeToEvent struct {
	Entity     string
	Start, End *Dim
	StartEnt   *Entity
	EndEnt     *Entity
	Statistic  string // median | percentile | within_sla
	Percentile string // "0.5", "0.9", ...
	SLASeconds string // within_sla: the SLA in seconds
}

// Offset shifts a derived metric's input to another period.
type Offset struct {
	Window  *Interval // offset_window
	ToGrain string    // offset_to_grain
}

// timeMetric links the metric types that need the time spine.
func (b *metricBuilder) timeMetric(def *model.Metric, out *Metric) bool {
	switch def.Type {
	case model.MetricCumulative:
		return b.cumulative(def, out)
	case model.MetricConversion:
		return b.conversion(def, out)
	case model.MetricTimeToEvent:
		return b.timeToEvent(def, out)
	}
	out.Pending = def.Type + " metrics are not built yet"
	return true
}

func (b *metricBuilder) cumulative(def *model.Metric, out *Metric) bool {
	if !b.simple(def, out) {
		return false
	}
	c := &Cumulative{GrainToDate: def.GrainToDate, PeriodAgg: def.PeriodAgg}
	if def.Window != "" {
		iv, ok := b.interval(def, "window", def.Window)
		if !ok {
			return false
		}
		c.Window = &iv
	}
	if c.PeriodAgg == "" {
		c.PeriodAgg = "last"
	}
	out.Cumulative = c
	return true
}

func (b *metricBuilder) interval(def *model.Metric, key, text string) (Interval, bool) {
	iv, err := ParseInterval(text)
	if err != nil {
		b.diags.Add(diag.InvalidDuration, def.Fields.At(key, def.Pos), "metric %q: invalid %s %q", def.Name, key, text).WithDetail(err.Error())
		return iv, false
	}
	return iv, true
}

func (b *metricBuilder) measureUse(def *model.Metric, in *model.MeasureInput, role string) *MeasureUse {
	if in == nil {
		b.diags.Add(diag.MissingParameter, def.Pos, "metric %q: missing %s", def.Name, role)
		return nil
	}
	ms := b.findMeasure(in.Name)
	if ms == nil {
		b.diags.Add(diag.UnknownMeasure, in.Pos, "metric %q: unknown measure %q", def.Name, in.Name)
		return nil
	}
	use := &MeasureUse{Measure: ms}
	if !in.Filter.IsZero() {
		use.Filter = compileInto(b.m.filters.env, in.Filter, b.diags)
	}
	return use
}

func (b *metricBuilder) conversion(def *model.Metric, out *Metric) bool {
	base := b.measureUse(def, def.BaseMeasure, "base_measure")
	conv := b.measureUse(def, def.ConversionMeasure, "conversion_measure")
	iv, ok := b.interval(def, "conversion_window", def.ConversionWindow)
	if base == nil || conv == nil || !ok {
		return false
	}
	c := &Conversion{Entity: def.Entity, Base: base, Conv: conv, Window: iv, Rate: def.Calculation != "conversions",
		BaseEnt: base.Measure.Table.Entities[def.Entity], ConvEnt: conv.Measure.Table.Entities[def.Entity]}
	if c.BaseEnt == nil || c.ConvEnt == nil {
		b.diags.Add(diag.InvalidParameter, def.Pos, "metric %q: entity %q must be a key of both %q and %q",
			def.Name, def.Entity, base.Measure.Table.Name, conv.Measure.Table.Name)
		return false
	}
	for _, p := range def.ConstantProperties {
		bd, cd := base.Measure.Table.Dims[p.BaseProperty], conv.Measure.Table.Dims[p.ConversionProperty]
		if bd == nil || cd == nil {
			b.diags.Add(diag.UnknownDimension, p.Pos, "metric %q: constant property %q/%q is not a dimension of both models",
				def.Name, p.BaseProperty, p.ConversionProperty)
			return false
		}
		c.Props = append(c.Props, PropertyPair{Base: bd, Conv: cd})
	}
	out.Conversion = c
	return true
}

func (b *metricBuilder) timeToEvent(def *model.Metric, out *Metric) bool {
	start, sok := b.timeDim(def, "start", def.Start)
	end, eok := b.timeDim(def, "end", def.End)
	if !sok || !eok {
		return false
	}
	t := &TimeToEvent{Entity: def.Entity, Start: start, End: end,
		StartEnt: start.Table.Entities[def.Entity], EndEnt: end.Table.Entities[def.Entity]}
	if t.StartEnt == nil || t.EndEnt == nil {
		b.diags.Add(diag.InvalidParameter, def.Pos, "metric %q: entity %q must be a key of both %q and %q",
			def.Name, def.Entity, start.Table.Name, end.Table.Name)
		return false
	}
	switch st := def.Statistic; {
	case st == "median":
		t.Statistic, t.Percentile = "percentile", "0.5"
	case st == "within_sla":
		d, err := timeparse.ParseDuration(def.SLA)
		if err != nil {
			b.diags.Add(diag.InvalidDuration, def.Fields.At("sla", def.Pos), "metric %q: invalid sla %q", def.Name, def.SLA).WithDetail(err.Error())
			return false
		}
		t.Statistic, t.SLASeconds = st, strconv.FormatFloat(d.Seconds(), 'f', -1, 64)
	case strings.HasPrefix(st, "p"):
		n, err := strconv.Atoi(st[1:])
		if err != nil || n < 1 || n > 99 {
			b.diags.Add(diag.InvalidEnum, def.Fields.At("statistic", def.Pos), "metric %q: invalid statistic %q", def.Name, st)
			return false
		}
		t.Statistic, t.Percentile = "percentile", fmt.Sprintf("%.2f", float64(n)/100)
	default:
		b.diags.Add(diag.InvalidEnum, def.Fields.At("statistic", def.Pos), "metric %q: invalid statistic %q", def.Name, st)
		return false
	}
	out.TimeToEvent = t
	return true
}

// timeDim finds "model.dimension" and requires a time dimension.
func (b *metricBuilder) timeDim(def *model.Metric, key, ref string) (*Dim, bool) {
	tname, dname, _ := strings.Cut(ref, ".")
	t := b.m.tables[tname]
	if t == nil || t.Dims[dname] == nil || !t.Dims[dname].Time {
		b.diags.Add(diag.InvalidParameter, def.Fields.At(key, def.Pos), "metric %q: %s %q is not a time dimension written as model.dimension", def.Name, key, ref)
		return nil, false
	}
	return t.Dims[dname], true
}

// offset reads a derived input's period offset.
func (b *metricBuilder) offset(def *model.Metric, in *model.MetricInput) (*Offset, bool) {
	if in.OffsetWindow == "" && in.OffsetToGrain == "" {
		return nil, true
	}
	o := &Offset{ToGrain: in.OffsetToGrain}
	if in.OffsetWindow != "" {
		iv, err := ParseInterval(in.OffsetWindow)
		if err != nil {
			b.diags.Add(diag.InvalidDuration, in.Fields.At("offset_window", in.Pos), "metric %q: invalid offset_window %q", def.Name, in.OffsetWindow).WithDetail(err.Error())
			return nil, false
		}
		o.Window = &iv
	}
	return o, true
}

// timeValueType is the value type of the time-spine metric types.
func (m *Metric) timeValueType() string {
	switch {
	case m.Cumulative != nil && m.Cumulative.PeriodAgg == "average":
		return "float"
	case m.Cumulative != nil && m.Measure != nil:
		return m.Measure.Measure.ValueType()
	case m.Conversion != nil && !m.Conversion.Rate:
		return m.Conversion.Base.Measure.ValueType()
	}
	return "float"
}
