package identity

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// execer is what writing needs from a *sql.Tx.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// insertRowsPerStatement bounds a multi-row INSERT. 500 rows of up to 9
// columns stay far below PostgreSQL's limit of 65535 bind parameters.
const insertRowsPerStatement = 500

// insertRows inserts rows with multi-row INSERT statements; every value is a
// bind parameter. Both DuckDB and PostgreSQL accept $n placeholders.
func insertRows(ctx context.Context, tx execer, table string, cols []string, rows [][]any) error {
	for start := 0; start < len(rows); start += insertRowsPerStatement {
		batch := rows[start:min(start+insertRowsPerStatement, len(rows))]
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		args := make([]any, 0, len(batch)*len(cols))
		for i, row := range batch {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j, v := range row {
				if j > 0 {
					b.WriteString(", ")
				}
				args = append(args, v)
				b.WriteString("$" + strconv.Itoa(len(args)))
			}
			b.WriteByte(')')
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}

// nullable maps the empty string to NULL.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nullableTime maps the zero time to NULL and stores every time in UTC,
// because the columns are TIMESTAMP without a time zone.
func nullableTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// writeRegistry inserts the ids this run issued and updates the ones whose
// status changed.
func writeRegistry(ctx context.Context, tx execer, prior *State, a *Assignment) error {
	var rows [][]any
	for _, id := range a.Touched {
		info := a.Registry[id]
		if _, existed := prior.IDs[id]; existed {
			_, err := tx.ExecContext(ctx, `UPDATE identity_registry SET status = $1, merged_into = $2, split_from = $3,
				updated_run = $4 WHERE customer_id = $5`, info.Status, nullable(info.MergedInto), nullable(info.SplitFrom), info.UpdatedRun, id)
			if err != nil {
				return fmt.Errorf("update identity_registry for %s: %w", id, err)
			}
			continue
		}
		rows = append(rows, []any{id, info.Anchor.Source, info.Anchor.Key, nullableTime(info.AnchorFirstSeen),
			info.IssuedRun, info.Status, nullable(info.MergedInto), nullable(info.SplitFrom), info.UpdatedRun})
	}
	return insertRows(ctx, tx, "identity_registry", []string{"customer_id", "anchor_source", "anchor_key",
		"anchor_first_seen", "issued_run", "status", "merged_into", "split_from", "updated_run"}, rows)
}

func writeAliases(ctx context.Context, tx execer, prior *State, a *Assignment) error {
	var rows [][]any
	for alias, to := range a.Aliases {
		old, existed := prior.Aliases[alias]
		switch {
		case !existed:
			rows = append(rows, []any{alias, to, a.Run})
		case old != to:
			if _, err := tx.ExecContext(ctx, `UPDATE identity_aliases SET customer_id = $1, run_id = $2 WHERE alias_id = $3`, to, a.Run, alias); err != nil {
				return fmt.Errorf("update identity_aliases for %s: %w", alias, err)
			}
		}
	}
	return insertRows(ctx, tx, "identity_aliases", []string{"alias_id", "customer_id", "run_id"}, rows)
}

// writeMap applies the difference between the earlier map and this run's:
// new records are inserted, changed ones updated, missing ones deleted.
func writeMap(ctx context.Context, tx execer, prior *State, res *Result, a *Assignment) error {
	var rows [][]any
	for i := range res.Records {
		ref, id := res.Records[i].Ref(), a.IDs[i]
		old, existed := prior.Map[ref]
		switch {
		case !existed:
			rows = append(rows, []any{ref.Source, ref.Key, id})
		case old != id:
			if _, err := tx.ExecContext(ctx, `UPDATE identity_map SET customer_id = $1 WHERE source = $2 AND record_key = $3`, id, ref.Source, ref.Key); err != nil {
				return fmt.Errorf("update identity_map for %s: %w", ref, err)
			}
		}
	}
	if err := insertRows(ctx, tx, "identity_map", []string{"source", "record_key", "customer_id"}, rows); err != nil {
		return err
	}
	if a.Changes.Removed == 0 {
		return nil
	}
	present := make(map[RecordRef]bool, len(res.Records))
	for i := range res.Records {
		present[res.Records[i].Ref()] = true
	}
	for ref := range prior.Map {
		if present[ref] {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM identity_map WHERE source = $1 AND record_key = $2`, ref.Source, ref.Key); err != nil {
			return fmt.Errorf("delete %s from identity_map: %w", ref, err)
		}
	}
	return nil
}

// writeRunDetail replaces the links, blocked values and conflicts with this
// run's.
func writeRunDetail(ctx context.Context, tx execer, res *Result, a *Assignment, blocked []ValueCount) error {
	for _, table := range []string{"identity_links", "identity_blocked", "identity_conflicts"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table); err != nil {
			return fmt.Errorf("clear %s: %w", table, err)
		}
	}
	links := make([][]any, len(res.Links))
	for i, l := range res.Links {
		ra, rb := res.Records[l.A].Ref(), res.Records[l.B].Ref()
		links[i] = []any{a.Run, a.IDs[l.A], ra.Source, ra.Key, rb.Source, rb.Key, l.Type, l.Value, l.Rule}
	}
	err := insertRows(ctx, tx, "identity_links", []string{"run_id", "customer_id", "a_source", "a_key", "b_source", "b_key",
		"identifier_type", "identifier_value", "rule"}, links)
	if err != nil {
		return err
	}
	var values [][]any
	for _, v := range append(blocked, res.Quarantined...) {
		values = append(values, []any{a.Run, v.Type, v.Value, v.Reason, v.Detail, v.Records})
	}
	err = insertRows(ctx, tx, "identity_blocked", []string{"run_id", "identifier_type", "value", "reason", "detail", "records"}, values)
	if err != nil {
		return err
	}
	var conflicts [][]any
	for _, c := range res.Conflicts {
		conflicts = append(conflicts, []any{a.Run, c.Rule, c.A.Source, c.A.Key, c.B.Source, c.B.Key, c.Type, c.Value, c.Detail})
	}
	return insertRows(ctx, tx, "identity_conflicts", []string{"run_id", "rule", "a_source", "a_key", "b_source", "b_key",
		"identifier_type", "identifier_value", "detail"}, conflicts)
}
