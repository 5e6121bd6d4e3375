package validate

import (
	"strings"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

func init() { register("metric cycles", checkCycles) }

// checkCycles reports each loop among ratio and derived metrics once, at the
// input that closes it in the first metric of the loop (in definition
// order), naming the whole path.
func checkCycles(ix *index, diags *diag.List) {
	const (
		unvisited = iota
		onStack
		done
	)
	state := map[string]int{}
	var stack []string
	var visit func(m *model.Metric)
	visit = func(m *model.Metric) {
		state[m.Name] = onStack
		stack = append(stack, m.Name)
		for _, in := range inputs(m) {
			next := ix.metrics[in.Name]
			if next == nil {
				continue
			}
			switch state[next.Name] {
			case unvisited:
				visit(next)
			case onStack:
				reportCycle(diags, ix, stack, next.Name)
			}
		}
		stack = stack[:len(stack)-1]
		state[m.Name] = done
	}
	for _, m := range ix.set.Metrics {
		if m.Name != "" && ix.metrics[m.Name] == m && state[m.Name] == unvisited {
			visit(m)
		}
	}
}

// reportCycle reports the loop stack[i:] → head, where stack[i] is head.
func reportCycle(diags *diag.List, ix *index, stack []string, head string) {
	i := len(stack) - 1
	for i > 0 && stack[i] != head {
		i--
	}
	path := append(append([]string(nil), stack[i:]...), head)
	last := ix.metrics[stack[len(stack)-1]]
	pos := last.Pos
	for _, in := range inputs(last) {
		if in.Name == head {
			pos = in.Fields.At("name", in.Pos)
			break
		}
	}
	diags.Add(diag.MetricCycle, pos, "metric cycle: %s", strings.Join(path, " → ")).
		WithDetail("a ratio or derived metric cannot depend on itself, directly or through other metrics; remove one of these inputs")
}
