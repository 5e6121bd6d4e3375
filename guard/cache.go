package guard

import (
	"sync"

	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/expr"
	"github.com/metricsd/metricsd/semantic/model"
)

// cacheModels is how many definitions sets keep their compiled guards. A
// server holds one set at a time and briefly two during a reload, so a
// few entries cover it while a replaced set's programs are released.
const cacheModels = 4

// compiled is one guard's CEL program, or the diagnostics of a condition
// that does not compile.
type compiled struct {
	prog  *expr.Guard
	diags diag.List
}

// modelGuards holds the compiled guards of one definitions set. Each guard
// compiles on first use and is kept for the life of the entry.
type modelGuards struct {
	mu     sync.Mutex
	guards map[*model.Guard]*compiled
}

func (mg *modelGuards) get(g *model.Guard) *compiled {
	mg.mu.Lock()
	defer mg.mu.Unlock()
	if c, ok := mg.guards[g]; ok {
		return c
	}
	prog, diags := expr.CompileGuard(g.When)
	c := &compiled{prog: prog, diags: diags}
	mg.guards[g] = c
	return c
}

// guardCache maps a definitions set to its compiled guards, keeping the
// most recently used sets.
type guardCache struct {
	mu     sync.Mutex
	models []*semantic.Model // most recent last
	guards map[*semantic.Model]*modelGuards
}

var cache = &guardCache{guards: map[*semantic.Model]*modelGuards{}}

// forModel returns the compiled guards of m, evicting the least recently
// used set when more than cacheModels are held.
func (c *guardCache) forModel(m *semantic.Model) *modelGuards {
	c.mu.Lock()
	defer c.mu.Unlock()
	mg, ok := c.guards[m]
	if !ok {
		mg = &modelGuards{guards: map[*model.Guard]*compiled{}}
		c.guards[m] = mg
	}
	c.touch(m)
	if len(c.models) > cacheModels {
		delete(c.guards, c.models[0])
		c.models = c.models[1:]
	}
	return mg
}

// touch moves m to the end of the recency list.
func (c *guardCache) touch(m *semantic.Model) {
	for i, x := range c.models {
		if x == m {
			c.models = append(c.models[:i], c.models[i+1:]...)
			break
		}
	}
	c.models = append(c.models, m)
}
