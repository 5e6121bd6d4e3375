// Package semantic is the metrics engine: it turns definitions and a metric
// query into SQL for a warehouse dialect. It never opens a connection and
// never logs.
//
// The pipeline has one stage per sub-package, each taking the previous
// stage's output:
//
//	load      YAML files      -> model.Set       rejects syntax, types, unknown keys
//	validate  model.Set       -> diagnostics     rejects broken references, bad CEL, cycles
//	resolve   model.Set       -> resolve.Model   compiled once: lookups, join paths, CEL programs
//	plan      resolve.Model+query -> plan.Plan   rejects unknown names, fan-out, ambiguous joins
//	render    plan.Plan+dialect -> SQL and args  rejects what a dialect cannot express
//
// Build runs validate and resolve; Compile runs plan and render.
package semantic
