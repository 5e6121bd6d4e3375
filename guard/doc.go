// Package guard evaluates the CEL guards of the metrics a query requests
// and describes the freshness of the sources a result read.
//
// A guard is written on a metric. It also guards every ratio or derived
// metric that reads that metric, so a stale input rejects or flags the
// metrics built on it. A guard of severity error whose condition holds
// rejects the metric (code GUARD_FAILED); one of severity warning flags it
// (GUARD_WARNING). A guard that cannot be evaluated, for example because
// it reads the age of a source whose table is missing, counts as holding:
// the metric is guarded rather than served on data that was not checked.
//
// Check runs before the query and evaluates the guards over the variables
// sources, now and metric. CheckResult runs after it and evaluates the
// guards that read value or rows. Freshness lists the sources a result
// read, for its metadata, and StatusCache keeps the catalog statuses for a
// short time so each query does not recompute them.
package guard
