package validate

import (
	"regexp"
	"sort"
	"strings"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/expr"
	"github.com/metricsd/metricsd/semantic/model"
)

func init() { register("cel", checkCEL) }

// metricTime is the name metric filters use for each metric's aggregation
// time.
const metricTime = "metric_time"

// checkCEL compiles every CEL string: measure filters against their model's
// dimensions, metric and input filters against entity__dimension names,
// guard conditions against the guard variables. Compiling (not only
// parsing) catches names, types and constructs with no SQL translation
// before any query runs.
func checkCEL(ix *index, diags *diag.List) {
	envs := celEnvs{ix: ix, cache: map[string]*expr.Env{}}
	for _, m := range ix.set.SemanticModels {
		for _, ms := range m.Measures {
			if !ms.Filter.IsZero() {
				envs.compile(diags, ms.Filter, modelVars(m), "model:"+m.Name)
			}
		}
	}
	for _, m := range ix.set.Metrics {
		checkMetricCEL(ix, &envs, diags, m)
	}
}

func checkMetricCEL(ix *index, envs *celEnvs, diags *diag.List, m *model.Metric) {
	if !m.Filter.IsZero() {
		envs.compileMetric(diags, m.Filter, metricModels(ix, m))
	}
	for _, in := range measureInputs(m) {
		if in.Filter.IsZero() {
			continue
		}
		var models []*model.SemanticModel
		if sm := ix.measures[in.Name].model; sm != nil {
			models = append(models, sm)
		}
		envs.compileMetric(diags, in.Filter, models)
	}
	for _, in := range inputs(m) {
		if in.Filter.IsZero() {
			continue
		}
		var models []*model.SemanticModel
		if dep := ix.metrics[in.Name]; dep != nil {
			models = metricModels(ix, dep)
		}
		envs.compileMetric(diags, in.Filter, models)
	}
	for _, g := range m.Guards {
		if g.When.IsZero() {
			continue
		}
		_, ds := expr.CompileGuard(g.When)
		*diags = append(*diags, ds...)
		if len(ds) == 0 {
			checkGuardSources(ix, diags, g.When)
		}
	}
}

// guardSource matches sources.<name> in a guard condition.
var guardSource = regexp.MustCompile(`\bsources\.([a-zA-Z_][a-zA-Z0-9_]*)`)

// checkGuardSources reports sources.<name> references to sources that are
// not defined. CEL accepts any key of the sources map, so without this a
// misspelled source would make the guard fail at evaluation time instead.
func checkGuardSources(ix *index, diags *diag.List, e model.Expr) {
	for _, m := range guardSource.FindAllStringSubmatchIndex(e.Text, -1) {
		name := e.Text[m[2]:m[3]]
		if ix.sources[name] != nil {
			continue
		}
		line, col := lineCol(e.Text, m[2])
		unknown(diags, diag.UnknownSource, e.PosAt(line, col), "source", name, ix.sourceNames)
	}
}

// lineCol converts a byte offset in text to a 1-based line and character
// column.
func lineCol(text string, offset int) (int, int) {
	line, col := 1, 1
	for i, r := range text {
		if i >= offset {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// celEnvs builds each filter environment once: a set with many metrics
// over one model compiles all their filters in one environment.
type celEnvs struct {
	ix    *index
	cache map[string]*expr.Env
}

func (c *celEnvs) compile(diags *diag.List, e model.Expr, vars func() []expr.Var, key string) {
	env, ok := c.cache[key]
	if !ok {
		var err error
		env, err = expr.NewEnv(vars())
		if err != nil {
			diags.Add(diag.Internal, e.Pos, "build the CEL environment for this filter: %v", err).
				WithDetail("this is a bug in metricsd, not necessarily in the definitions")
			env = nil
		}
		c.cache[key] = env
	}
	if env == nil {
		return
	}
	_, ds := env.Compile(e)
	*diags = append(*diags, ds...)
}

// compileMetric compiles a filter over the entity__dimension names of
// models. A filter with no models is skipped: the measure or metric it
// belongs to is undefined, which is reported already, and every name in
// the filter would be reported as unknown on top.
func (c *celEnvs) compileMetric(diags *diag.List, e model.Expr, models []*model.SemanticModel) {
	if len(models) == 0 {
		return
	}
	names := make([]string, 0, len(models))
	for _, m := range models {
		names = append(names, m.Name)
	}
	sort.Strings(names)
	c.compile(diags, e, func() []expr.Var { return metricVars(c.ix, models) }, "metric:"+strings.Join(names, ","))
}

// metricModels returns the models a metric reads: those of its measures
// and, for time_to_event, of its start and end, following ratio and
// derived inputs. Each metric is visited once, so cycles end.
func metricModels(ix *index, m *model.Metric) []*model.SemanticModel {
	seenMetrics := map[string]bool{}
	seenModels := map[string]bool{}
	var out []*model.SemanticModel
	var walk func(m *model.Metric)
	walk = func(m *model.Metric) {
		if seenMetrics[m.Name] {
			return
		}
		seenMetrics[m.Name] = true
		var direct []*model.SemanticModel
		for _, in := range measureInputs(m) {
			direct = append(direct, ix.measures[in.Name].model)
		}
		for _, ref := range []string{m.Start, m.End} {
			if name, _, ok := strings.Cut(ref, "."); ok {
				direct = append(direct, ix.models[name])
			}
		}
		for _, sm := range direct {
			if sm != nil && !seenModels[sm.Name] {
				seenModels[sm.Name] = true
				out = append(out, sm)
			}
		}
		for _, in := range inputs(m) {
			if dep := ix.metrics[in.Name]; dep != nil {
				walk(dep)
			}
		}
	}
	walk(m)
	return out
}

// modelVars declares a model's dimensions by plain name, for measure
// filters.
func modelVars(m *model.SemanticModel) func() []expr.Var {
	return func() []expr.Var {
		vars := newVarSet()
		for _, d := range m.Dimensions {
			vars.add(d.Name, dimensionType(d))
		}
		return vars.list
	}
}

// metricVars declares the names metric filters may read, as the engine
// resolves them: e__d for dimension d of a model reachable from one of
// models (see reachable) that holds entity e as primary or unique, or of
// the starting model itself holding e at all; for time dimensions also
// e__d__<grain>; and metric_time with its grains.
func metricVars(ix *index, models []*model.SemanticModel) []expr.Var {
	vars := newVarSet()
	vars.addTime(metricTime, expr.Timestamp)
	for _, start := range models {
		for _, m := range ix.reachable(start) {
			for _, e := range m.Entities {
				if m != start && !isUnique(e) {
					continue
				}
				for _, d := range m.Dimensions {
					name := e.Name + "__" + d.Name
					if d.Type == model.DimensionTime {
						vars.addTime(name, dimensionType(d))
					} else {
						vars.add(name, dimensionType(d))
					}
				}
			}
		}
	}
	return vars.list
}

// varSet keeps the first declaration of each name and skips names the
// names rule already rejects, so one bad name does not hide every filter.
type varSet struct {
	seen map[string]bool
	list []expr.Var
}

func newVarSet() *varSet { return &varSet{seen: map[string]bool{}} }

// addTime declares a time name and its truncations name__hour to
// name__year: hour keeps the time of day, coarser grains are dates.
func (v *varSet) addTime(name string, t expr.Type) {
	v.add(name, t)
	for _, g := range queryGrains {
		if g == "hour" {
			v.add(name+"__"+g, expr.Timestamp)
		} else {
			v.add(name+"__"+g, expr.Date)
		}
	}
}

func (v *varSet) add(name string, t expr.Type) {
	if v.seen[name] || !validVarName(name) {
		return
	}
	v.seen[name] = true
	v.list = append(v.list, expr.Var{Name: name, Type: t})
}

// validVarName accepts lower_snake_case parts joined by "__".
func validVarName(name string) bool {
	for _, part := range strings.Split(name, "__") {
		if !snakeCase.MatchString(part) {
			return false
		}
	}
	return true
}

// dimensionType maps a dimension to its CEL variable type: time dimensions
// are timestamps (dates with data_type: date), categorical ones strings
// unless data_type names another type.
func dimensionType(d *model.Dimension) expr.Type {
	if d.Type == model.DimensionTime {
		if d.DataType == "date" {
			return expr.Date
		}
		return expr.Timestamp
	}
	switch d.DataType {
	case "integer":
		return expr.Int
	case "decimal":
		return expr.Decimal
	case "boolean":
		return expr.Bool
	}
	return expr.String
}
