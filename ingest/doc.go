// Package ingest loads CSV and NDJSON exports into warehouse tables as a
// source's location declares them (file glob, format, column mapping, null
// markers, date and timestamp layouts).
//
// A load of one source is one database transaction: every changed file of
// the source is parsed, every value is checked against its declared type,
// and only when no row was rejected are the rows and their ledger entries
// committed. A rejected load reports each bad row by file and line and
// leaves the warehouse as it was. The ledger table metricsd_loads records
// each file's SHA-256, so loading an unchanged file again writes nothing and
// a changed file replaces the rows it loaded before.
//
// Loaded rows carry two extra columns: _load_id, the load that wrote them,
// and _source_file, the file they came from.
package ingest
