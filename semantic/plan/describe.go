package plan

import (
	"strconv"
	"strings"
)

// Describe writes the plan for people: each source with its joins, keys,
// filters and aggregates, then the merge, the metric arithmetic and the
// ordering. The text is stable, so tests may compare it.
func (p *Plan) Describe() string {
	var b strings.Builder
	b.Grow(512 + 512*len(p.Sources))
	for _, s := range p.Sources {
		describeSource(&b, s, p.Keys)
	}
	if p.Merged() {
		b.WriteString("merge ")
		for i, s := range p.Sources {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(s.Alias)
		}
		b.WriteString(" on the keys (NULL matches NULL)\n")
	}
	for _, k := range p.Keys {
		line(&b, "output ", k.Name, " = ", k.Alias, " (", k.Type, ")")
	}
	for _, o := range p.Outputs {
		line(&b, "output ", o.Name, " = ", DescribeValue(o.Value), " (", o.Type, ")")
	}
	for _, o := range p.Hidden {
		line(&b, "compute ", o.Name, " = ", DescribeValue(o.Value), " (for ordering only)")
	}
	for _, c := range p.Having {
		line(&b, "keep groups where ", c.Text)
	}
	for _, o := range p.Order {
		dir := " asc"
		if o.Desc {
			dir = " desc"
		}
		line(&b, "order by ", o.Name, dir)
	}
	if p.Limit > 0 || p.Offset > 0 {
		line(&b, "limit ", strconv.Itoa(p.Limit), " offset ", strconv.Itoa(p.Offset))
	}
	line(&b, "time zone ", p.TimeZone)
	return b.String()
}

// line writes the parts and a newline.
func line(b *strings.Builder, parts ...string) {
	for _, s := range parts {
		b.WriteString(s)
	}
	b.WriteByte('\n')
}

func describeSource(b *strings.Builder, s *Source, keys []Key) {
	if s.Custom != nil {
		describeCustom(b, s)
		return
	}
	kind := ": aggregate "
	if s.KeysOnly {
		kind = ": list dimension values "
	}
	line(b, s.Alias, kind, s.Scope.Root.Table.Name, " as ", s.Scope.Root.Alias)
	describeJoins(b, "  ", s.Scope)
	for i, k := range s.Keys {
		line(b, "  key ", keys[i].Name, " = ", describeColumn(k))
	}
	for _, c := range s.Where {
		line(b, "  where ", describeCond(c))
	}
	for _, a := range s.Aggs {
		if a.Lag != nil {
			describeLag(b, a)
			continue
		}
		b.WriteString("  " + a.Alias + " = " + a.Measure.Agg + "(" + a.Arg.Rel + "." + a.Arg.Col + ")")
		for _, c := range a.Conds {
			b.WriteString(" if " + describeCond(c))
		}
		line(b, "  -- measure ", a.Measure.Name)
	}
}

func describeJoins(b *strings.Builder, indent string, sc Scope) {
	for _, j := range sc.Joins {
		if e := j.Rel.Earliest; e != nil {
			line(b, indent, "join earliest ", e.Time.Expr, " per ", e.Entity.Alias, " of ", j.Rel.Table.Name, " as ", j.Rel.Alias,
				" on ", j.On.Rel, ".", j.On.Col, " = ", j.Outer.Rel, ".", j.Outer.Col, " (one row per entity)")
			continue
		}
		line(b, indent, "join ", j.Rel.Table.Name, " as ", j.Rel.Alias, " on ", j.On.Rel, ".", j.On.Col,
			" = ", j.Outer.Rel, ".", j.Outer.Col, " (many-to-one)")
	}
}

func describeColumn(c Column) string {
	s := c.Ref.Rel + "." + c.Ref.Col
	if c.Time == nil {
		return s
	}
	if c.Time.Grain != "" {
		return c.Time.Grain + "(local " + c.Time.Kind.String() + ", " + s + ")"
	}
	return "local(" + c.Time.Kind.String() + ", " + s + ")"
}

func describeCond(c *Cond) string {
	if r := c.Range; r != nil {
		return r.Col.Rel + "." + r.Col.Col + " in [" + orDash(r.Start) + ", " + orDash(r.End) + ")"
	}
	if e := c.Exists; e != nil {
		return "exists " + e.Scope.Root.Table.Name + " as " + e.Scope.Root.Alias + " related by " +
			e.Inner.Rel + "." + e.Inner.Col + " = " + e.Outer.Rel + "." + e.Outer.Col + " where " + c.Text
	}
	return c.Text
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// DescribeValue writes metric arithmetic with aggregate aliases.
func DescribeValue(v Value) string {
	switch v := v.(type) {
	case *AggValue:
		if v.Fill != "" {
			return "coalesce(" + v.Alias + ", " + v.Fill + ")"
		}
		return v.Alias
	case *Const:
		return v.Text
	case *Neg:
		return "-(" + DescribeValue(v.X) + ")"
	case *Arith:
		return "(" + DescribeValue(v.L) + " " + string(v.Op) + " " + DescribeValue(v.R) + ")"
	case *Fill:
		return "coalesce(" + DescribeValue(v.X) + ", " + v.With + ")"
	}
	return "?"
}
