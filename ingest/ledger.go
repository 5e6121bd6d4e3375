package ingest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// LedgerTable is the table that records every file load.
const LedgerTable = "metricsd_loads"

// loaded_at is a TIMESTAMP holding UTC: DuckDB needs its ICU extension for
// TIMESTAMPTZ arithmetic, and UTC keeps both engines alike.
const ledgerDDL = `CREATE TABLE IF NOT EXISTS metricsd_loads (
	load_id   TEXT NOT NULL,
	source    TEXT NOT NULL,
	file_path TEXT NOT NULL,
	sha256    TEXT NOT NULL,
	row_count BIGINT NOT NULL,
	loaded_at TIMESTAMP NOT NULL
)`

// LedgerEntry is one row of the ledger: a file written into a source's table.
type LedgerEntry struct {
	ID       string
	Source   string
	File     string
	SHA256   string
	Rows     int64
	LoadedAt time.Time // UTC
}

// newLoadID returns an id that sorts by time, then a random suffix.
func newLoadID(now time.Time) string {
	b := make([]byte, 4)
	rand.Read(b)
	return now.UTC().Format("20060102T150405.000000Z") + "-" + hex.EncodeToString(b)
}

func ensureLedger(ctx context.Context, tx runner) error {
	if _, err := tx.ExecContext(ctx, ledgerDDL); err != nil {
		return fmt.Errorf("create ledger table %s: %w", LedgerTable, err)
	}
	return nil
}

// lastHash returns the SHA-256 of the newest load of file for source, or ""
// when the file was never loaded.
func lastHash(ctx context.Context, tx runner, source, file string) (string, error) {
	var sum string
	err := tx.QueryRowContext(ctx, `SELECT sha256 FROM metricsd_loads WHERE source = $1 AND file_path = $2 ORDER BY loaded_at DESC, load_id DESC LIMIT 1`, source, file).Scan(&sum)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read ledger for %s: %w", file, err)
	}
	return sum, nil
}

func recordLoad(ctx context.Context, tx runner, l LedgerEntry) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO metricsd_loads (load_id, source, file_path, sha256, row_count, loaded_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		l.ID, l.Source, l.File, l.SHA256, l.Rows, l.LoadedAt.UTC().Format(timestampOut))
	if err != nil {
		return fmt.Errorf("record load of %s in the ledger: %w", l.File, err)
	}
	return nil
}

// LastLoads returns, per source, the ledger entries of its newest load
// (one entry per file that load wrote). Sources never loaded are absent; a
// warehouse without a ledger table returns an empty map.
func LastLoads(ctx context.Context, db *sql.DB, dialect string) (map[string][]LedgerEntry, error) {
	cols, err := tableColumns(ctx, db, dialect, tableName{name: LedgerTable})
	if err != nil {
		return nil, err
	}
	if len(cols) == 0 {
		return map[string][]LedgerEntry{}, nil
	}
	rows, err := db.QueryContext(ctx, `SELECT l.load_id, l.source, l.file_path, l.sha256, l.row_count, l.loaded_at
FROM metricsd_loads l
JOIN (SELECT source, max(load_id) AS load_id FROM metricsd_loads GROUP BY source) n
  ON n.source = l.source AND n.load_id = l.load_id
ORDER BY l.source, l.file_path`)
	if err != nil {
		return nil, fmt.Errorf("read ledger %s: %w", LedgerTable, err)
	}
	defer rows.Close()
	out := map[string][]LedgerEntry{}
	for rows.Next() {
		var l LedgerEntry
		if err := rows.Scan(&l.ID, &l.Source, &l.File, &l.SHA256, &l.Rows, &l.LoadedAt); err != nil {
			return nil, fmt.Errorf("read ledger %s: %w", LedgerTable, err)
		}
		l.LoadedAt = l.LoadedAt.UTC()
		out[l.Source] = append(out[l.Source], l)
	}
	return out, rows.Err()
}
