package plan

import (
	"fmt"
	"strings"
)

// Describe writes the plan for people: each source with its joins, keys,
// filters and aggregates, then the merge, the metric arithmetic and the
// ordering. The text is stable, so tests may compare it.
func (p *Plan) Describe() string {
	var b strings.Builder
	for _, s := range p.Sources {
		describeSource(&b, s, p.Keys)
	}
	if p.Merged() {
		names := make([]string, len(p.Sources))
		for i, s := range p.Sources {
			names[i] = s.Alias
		}
		fmt.Fprintf(&b, "merge %s on the keys (NULL matches NULL)\n", strings.Join(names, ", "))
	}
	for _, k := range p.Keys {
		fmt.Fprintf(&b, "output %s = %s (%s)\n", k.Name, k.Alias, k.Type)
	}
	for _, o := range p.Outputs {
		fmt.Fprintf(&b, "output %s = %s (%s)\n", o.Name, DescribeValue(o.Value), o.Type)
	}
	for _, o := range p.Hidden {
		fmt.Fprintf(&b, "compute %s = %s (for ordering only)\n", o.Name, DescribeValue(o.Value))
	}
	for _, o := range p.Order {
		dir := "asc"
		if o.Desc {
			dir = "desc"
		}
		fmt.Fprintf(&b, "order by %s %s\n", o.Name, dir)
	}
	if p.Limit > 0 || p.Offset > 0 {
		fmt.Fprintf(&b, "limit %d offset %d\n", p.Limit, p.Offset)
	}
	fmt.Fprintf(&b, "time zone %s\n", p.TimeZone)
	return b.String()
}

func describeSource(b *strings.Builder, s *Source, keys []Key) {
	kind := "aggregate"
	if s.KeysOnly {
		kind = "list dimension values"
	}
	fmt.Fprintf(b, "%s: %s %s as %s\n", s.Alias, kind, s.Scope.Root.Table.Name, s.Scope.Root.Alias)
	describeJoins(b, "  ", s.Scope)
	for i, k := range s.Keys {
		fmt.Fprintf(b, "  key %s = %s\n", keys[i].Name, describeColumn(k))
	}
	for _, c := range s.Where {
		fmt.Fprintf(b, "  where %s\n", describeCond(c))
	}
	for _, a := range s.Aggs {
		fmt.Fprintf(b, "  %s = %s(%s)", a.Alias, a.Measure.Agg, a.Arg.Rel+"."+a.Arg.Col)
		for _, c := range a.Conds {
			fmt.Fprintf(b, " if %s", describeCond(c))
		}
		fmt.Fprintf(b, "  -- measure %s\n", a.Measure.Name)
	}
}

func describeJoins(b *strings.Builder, indent string, sc Scope) {
	for _, j := range sc.Joins {
		fmt.Fprintf(b, "%sjoin %s as %s on %s.%s = %s.%s (many-to-one)\n", indent, j.Rel.Table.Name, j.Rel.Alias,
			j.On.Rel, j.On.Col, j.Outer.Rel, j.Outer.Col)
	}
}

func describeColumn(c Column) string {
	s := c.Ref.Rel + "." + c.Ref.Col
	if c.Time != nil {
		if c.Time.Grain != "" {
			s = fmt.Sprintf("%s(local %s, %s)", c.Time.Grain, c.Time.Kind, s)
		} else {
			s = fmt.Sprintf("local(%s, %s)", c.Time.Kind, s)
		}
	}
	return s
}

func describeCond(c *Cond) string {
	if c.Range != nil {
		return fmt.Sprintf("%s.%s in [%s, %s)", c.Range.Col.Rel, c.Range.Col.Col, orDash(c.Range.Start), orDash(c.Range.End))
	}
	s := c.Text
	if c.Exists != nil {
		s = fmt.Sprintf("exists %s as %s related by %s.%s = %s.%s where %s", c.Exists.Scope.Root.Table.Name,
			c.Exists.Scope.Root.Alias, c.Exists.Inner.Rel, c.Exists.Inner.Col, c.Exists.Outer.Rel, c.Exists.Outer.Col, s)
	}
	return s
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
			return fmt.Sprintf("coalesce(%s, %s)", v.Alias, v.Fill)
		}
		return v.Alias
	case *Const:
		return v.Text
	case *Neg:
		return "-(" + DescribeValue(v.X) + ")"
	case *Arith:
		return fmt.Sprintf("(%s %c %s)", DescribeValue(v.L), v.Op, DescribeValue(v.R))
	case *Fill:
		return fmt.Sprintf("coalesce(%s, %s)", DescribeValue(v.X), v.With)
	}
	return "?"
}
