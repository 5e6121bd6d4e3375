// Package semantic is the metrics engine: it turns definitions and a metric
// query into SQL for a warehouse dialect. It never opens a connection and
// never logs.
//
// The pipeline has one stage per sub-package, each taking the previous
// stage's output:
//
//	load      YAML files           -> model.Set      rejects syntax, types, unknown keys
//	validate  model.Set            -> diagnostics    rejects broken references, bad values, cycles
//	resolve   model.Set            -> resolve.Model  built once: lookups, join paths, CEL programs
//	plan      resolve.Model, query -> plan.Plan      rejects unknown names, fan-out, ambiguous joins
//	render    plan.Plan, dialect   -> SQL and args   rejects features the dialect cannot express
//
// Build runs validate and resolve; Compile runs plan and render.
//
// # Query semantics
//
// Each measure is aggregated in its own model's subquery, grouped by the
// query's keys, joining only many-to-one (LEFT JOIN, so a fact row whose
// dimension row is missing lands in the NULL group). The subqueries are
// stacked with FULL JOIN ON FALSE and grouped again by the keys, which
// merges the NULL group of every model into one row on both engines.
// Metric arithmetic runs on the merged row: a ratio divides aggregates in
// double precision with NULLIF (x/0 is NULL), counts and measures with
// fill_nulls_with become their fill value where a model has no rows, and
// DuckDB widens decimals before multiplying.
//
// A filter that reads a dimension across a one-to-many join runs as
// EXISTS: a row passes when the condition holds for one of its related
// rows, or, when it has none, with the related columns NULL. Grouping by
// such a dimension is FAN_OUT_GROUP_BY. Measure, metric and input filters
// go inside the aggregate as CASE WHEN, so a group whose rows all fail
// them still exists with a count of 0.
//
// Time buckets are computed on local wall-clock time in the query zone
// and labelled with the local start of the bucket (a date for day and
// coarser grains). Weeks start on Monday unless the query says otherwise,
// fiscal quarters and years follow the fiscal start month, and date
// columns are never shifted. Range bounds are converted to UTC instants
// in Go, so a local day is exact across DST changes. Every value from a
// query is a bind parameter ($1, $2, ... on both engines).
package semantic
