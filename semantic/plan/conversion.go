package plan

import (
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/resolve"
)

func (b *builder) conversionValue(met *resolve.Metric, filters []*resolve.Condition) Value {
	b.report(diag.NotImplemented, "metric %q is a %s metric, which the engine cannot compute yet", met.Name, met.Type)
	return &Const{Text: "NULL"}
}

func (b *builder) timeToEventValue(met *resolve.Metric, filters []*resolve.Condition) Value {
	b.report(diag.NotImplemented, "metric %q is a %s metric, which the engine cannot compute yet", met.Name, met.Type)
	return &Const{Text: "NULL"}
}
