package load

import (
	"gopkg.in/yaml.v3"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

func decodeSource(file string, n *yaml.Node, diags *diag.List) *model.Source {
	o := newObject(file, n, "source", diags)
	s := &model.Source{
		Pos:         o.pos(),
		Fields:      o.fields,
		Name:        o.str("name"),
		Description: o.str("description"),
		Owner:       o.str("owner"),
		System:      o.str("system"),
		Refresh:     o.str("refresh"),
		Trust:       o.str("trust"),
	}
	if l := o.mapping("location", "source location"); l != nil {
		s.Location = decodeLocation(l)
	}
	if f := o.mapping("freshness", "freshness rule"); f != nil {
		s.Freshness = &model.Freshness{
			Pos:        f.pos(),
			Fields:     f.fields,
			Field:      f.str("field"),
			WarnAfter:  f.str("warn_after"),
			ErrorAfter: f.str("error_after"),
		}
		f.done()
	}
	o.done()
	return s
}

func decodeLocation(o *object) model.Location {
	l := model.Location{
		Pos:        o.pos(),
		Fields:     o.fields,
		Table:      o.str("table"),
		Files:      o.str("files"),
		Format:     o.str("format"),
		Delimiter:  o.str("delimiter"),
		NullValues: o.strings("null_values"),
	}
	if h, ok := o.boolean("header"); ok {
		l.Header = &h
	}
	for _, cn := range o.list("columns") {
		c := newObject(o.file, cn, "column", o.diags)
		col := model.Column{
			Pos:    c.pos(),
			Fields: c.fields,
			Name:   c.str("name"),
			From:   c.str("from"),
			Type:   c.str("type"),
			Format: c.str("format"),
		}
		if b, ok := c.boolean("nullable"); ok {
			col.Nullable = &b
		}
		c.done()
		l.Columns = append(l.Columns, col)
	}
	o.done()
	return l
}

func decodeIdentity(file string, n *yaml.Node, diags *diag.List) *model.Identity {
	o := newObject(file, n, "identity", diags)
	id := &model.Identity{
		Pos:         o.pos(),
		Fields:      o.fields,
		Name:        o.str("name"),
		Description: o.str("description"),
	}
	for _, in := range o.list("identifiers") {
		i := newObject(file, in, "identifier", diags)
		ident := model.Identifier{
			Pos:            i.pos(),
			Fields:         i.fields,
			Name:           i.str("name"),
			Kind:           i.str("kind"),
			DefaultCountry: i.str("default_country"),
			Blocklist:      i.strings("blocklist"),
		}
		ident.MaxPerCustomer, _ = i.integer("max_per_customer")
		i.done()
		id.Identifiers = append(id.Identifiers, ident)
	}
	for _, cn := range o.list("carriers") {
		c := newObject(file, cn, "identity carrier", diags)
		id.Carriers = append(id.Carriers, model.Carrier{
			Pos:            c.pos(),
			Fields:         c.fields,
			Source:         c.str("source"),
			Key:            c.str("key"),
			Columns:        c.stringMap("columns"),
			DefaultCountry: c.str("default_country"),
			FirstSeen:      c.str("first_seen"),
		})
		c.done()
	}
	o.done()
	return id
}

func decodeModel(file string, n *yaml.Node, diags *diag.List) *model.SemanticModel {
	o := newObject(file, n, "semantic model", diags)
	m := &model.SemanticModel{
		Pos:              o.pos(),
		Fields:           o.fields,
		Name:             o.str("name"),
		Description:      o.str("description"),
		Owner:            o.str("owner"),
		Source:           o.str("source"),
		Table:            o.str("table"),
		SQL:              o.expr("sql"),
		AggTimeDimension: o.str("agg_time_dimension"),
	}
	for _, en := range o.list("entities") {
		e := newObject(file, en, "entity", diags)
		m.Entities = append(m.Entities, &model.Entity{
			Pos:    e.pos(),
			Fields: e.fields,
			Name:   e.str("name"),
			Type:   e.str("type"),
			Expr:   e.expr("expr"),
		})
		e.done()
	}
	for _, dn := range o.list("dimensions") {
		d := newObject(file, dn, "dimension", diags)
		m.Dimensions = append(m.Dimensions, &model.Dimension{
			Pos:         d.pos(),
			Fields:      d.fields,
			Name:        d.str("name"),
			Description: d.str("description"),
			Type:        d.str("type"),
			Expr:        d.expr("expr"),
			DataType:    d.str("data_type"),
			Grain:       d.str("grain"),
		})
		d.done()
	}
	for _, mn := range o.list("measures") {
		m.Measures = append(m.Measures, decodeMeasure(file, mn, diags))
	}
	o.done()
	return m
}

func decodeMeasure(file string, n *yaml.Node, diags *diag.List) *model.Measure {
	o := newObject(file, n, "measure", diags)
	m := &model.Measure{
		Pos:              o.pos(),
		Fields:           o.fields,
		Name:             o.str("name"),
		Description:      o.str("description"),
		Agg:              o.str("agg"),
		Expr:             o.expr("expr"),
		Filter:           o.expr("filter"),
		Percentile:       o.str("percentile"),
		AggTimeDimension: o.str("agg_time_dimension"),
		FillNullsWith:    o.optStr("fill_nulls_with"),
		DataType:         o.str("data_type"),
	}
	o.done()
	return m
}
