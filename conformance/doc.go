// Package conformance runs the conformance corpus: cases stored as data
// (seed tables, definitions, queries and their exact expected rows) executed
// on every supported warehouse engine.
//
// A case lives in testdata/<id>/ and holds case.yaml (tables and queries),
// data/<table>.csv (seed rows), definitions/ (a metricsd definitions
// directory) and reference/<query>.sql (optional hand-written SQL that states
// the expected numbers independently of the engine). README.md in this
// directory describes the format.
//
// The runner seeds each case into a fresh database per engine, runs the
// reference SQL as a check of the case itself, compiles each query with the
// semantic engine and compares the rows it returns with the expected rows.
package conformance
