// Package schedule runs the ingest load of each file source on its
// refresh cadence, inside the server.
//
// Several replicas of the server may share one warehouse, so one of them
// leads and only the leader loads. On PostgreSQL the leader holds a
// session-level advisory lock on a connection of its own. When that
// connection dies, PostgreSQL releases the lock, the leader stops, and
// another replica takes the lock on its next try. On DuckDB a database file has a single
// writing process, so that process leads.
//
// A new leader treats every source as due at once. Loads are idempotent,
// because ingest skips files whose hash the ledger already holds, so a
// leadership change costs a hash of each file and no duplicate rows.
package schedule
