package validate

import (
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

func init() { register("semantic models", checkModels) }

var (
	entityTypes      = []string{model.EntityPrimary, model.EntityUnique, model.EntityForeign}
	dimensionTypes   = []string{model.DimensionCategorical, model.DimensionTime}
	categoricalTypes = []string{"string", "integer", "decimal", "boolean"}
	timeDataTypes    = []string{"date", "timestamp"}
	measureDataTypes = []string{"integer", "decimal", "float"}
)

// checkModels checks each semantic model's shape: exactly one of table and
// sql, at most one primary entity, and the enums of entities and
// dimensions.
func checkModels(ix *index, diags *diag.List) {
	for _, m := range ix.set.SemanticModels {
		hasTable, hasSQL := m.Table != "", !m.SQL.IsZero()
		switch {
		case !hasTable && !hasSQL:
			diags.Add(diag.MissingField, m.Pos, "%s has neither table nor sql", label("semantic model", m.Name)).
				WithDetail("name the warehouse table (table: schema.name) or write a query (sql: select ...)")
		case hasTable && hasSQL:
			diags.Add(diag.InvalidParameter, m.Fields.At("sql", m.Pos), "semantic model %q has both table and sql", m.Name).
				WithDetail("keep one: the model reads either a table or the result of a query")
		}
		primaries := 0
		for _, e := range m.Entities {
			oneOf(diags, e.Fields.At("type", e.Pos), "entity type", e.Type, entityTypes)
			if e.Type == model.EntityPrimary {
				primaries++
				if primaries == 2 {
					diags.Add(diag.InvalidParameter, e.Fields.At("type", e.Pos), "semantic model %q has more than one primary entity", m.Name).
						WithDetail("a model has one row per primary entity value; mark the other key unique")
				}
			}
		}
		for _, d := range m.Dimensions {
			checkDimensionTypes(diags, d)
		}
	}
}

func checkDimensionTypes(diags *diag.List, d *model.Dimension) {
	if !oneOf(diags, d.Fields.At("type", d.Pos), "dimension type", d.Type, dimensionTypes) {
		return
	}
	at := d.Fields.At("data_type", d.Pos)
	if d.Type == model.DimensionTime {
		oneOf(diags, at, "time dimension data_type", d.DataType, timeDataTypes)
		return
	}
	oneOf(diags, at, "categorical dimension data_type", d.DataType, categoricalTypes)
}
