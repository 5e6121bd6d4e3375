package identity

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// execer is the part of *sql.DB and *sql.Tx that writing uses.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// writeRegistry inserts the ids this run issued and updates the ones whose
// status changed.
func writeRegistry(ctx context.Context, tx execer, dialect string, prior *State, a *Assignment) error {
	rows := newBulkInsert("identity_registry", "customer_id TEXT", "anchor_source TEXT", "anchor_key TEXT",
		"anchor_first_seen TIMESTAMP NULL", "issued_run BIGINT", "status TEXT", "merged_into TEXT NULL",
		"split_from TEXT NULL", "updated_run BIGINT")
	updates := newBulkRows(`UPDATE identity_registry SET status = d.status, merged_into = d.merged_into,
		split_from = d.split_from, updated_run = d.updated_run
		FROM ({rows}) AS d WHERE identity_registry.customer_id = d.customer_id`,
		"customer_id TEXT", "status TEXT", "merged_into TEXT NULL", "split_from TEXT NULL", "updated_run BIGINT")
	for _, id := range a.Touched {
		info := a.Registry[id]
		if _, existed := prior.IDs[id]; existed {
			updates.add(id, info.Status, info.MergedInto, info.SplitFrom, info.UpdatedRun)
			continue
		}
		rows.add(id, info.Anchor.Source, info.Anchor.Key, info.AnchorFirstSeen,
			info.IssuedRun, info.Status, info.MergedInto, info.SplitFrom, info.UpdatedRun)
	}
	if err := updates.exec(ctx, tx, dialect); err != nil {
		return err
	}
	return rows.exec(ctx, tx, dialect)
}

func writeAliases(ctx context.Context, tx execer, dialect string, prior *State, a *Assignment) error {
	rows := newBulkInsert("identity_aliases", "alias_id TEXT", "customer_id TEXT", "run_id BIGINT")
	updates := newBulkRows(`UPDATE identity_aliases SET customer_id = d.customer_id, run_id = d.run_id
		FROM ({rows}) AS d WHERE identity_aliases.alias_id = d.alias_id`, "alias_id TEXT", "customer_id TEXT", "run_id BIGINT")
	for alias, to := range a.Aliases {
		old, existed := prior.Aliases[alias]
		switch {
		case !existed:
			rows.add(alias, to, a.Run)
		case old != to:
			updates.add(alias, to, a.Run)
		}
	}
	if err := updates.exec(ctx, tx, dialect); err != nil {
		return err
	}
	return rows.exec(ctx, tx, dialect)
}

// writeMap applies the difference between the earlier map and this run's:
// new records are inserted, changed ones updated, missing ones deleted.
func writeMap(ctx context.Context, tx execer, dialect string, prior *State, res *Result, a *Assignment) error {
	rows := newBulkInsert("identity_map", "source TEXT", "record_key TEXT", "customer_id TEXT")
	updates := newBulkRows(`UPDATE identity_map SET customer_id = d.customer_id FROM ({rows}) AS d
		WHERE identity_map.source = d.source AND identity_map.record_key = d.record_key`,
		"source TEXT", "record_key TEXT", "customer_id TEXT")
	for i := range res.Records {
		ref, id := res.Records[i].Ref(), a.IDs[i]
		old, existed := prior.Map[ref]
		switch {
		case !existed:
			rows.add(ref.Source, ref.Key, id)
		case old != id:
			updates.add(ref.Source, ref.Key, id)
		}
	}
	if err := updates.exec(ctx, tx, dialect); err != nil {
		return err
	}
	if err := rows.exec(ctx, tx, dialect); err != nil {
		return err
	}
	if a.Changes.Removed == 0 {
		return nil
	}
	present := make(map[RecordRef]bool, len(res.Records))
	for i := range res.Records {
		present[res.Records[i].Ref()] = true
	}
	deletes := newBulkRows(`DELETE FROM identity_map USING ({rows}) AS d
		WHERE identity_map.source = d.source AND identity_map.record_key = d.record_key`, "source TEXT", "record_key TEXT")
	for ref := range prior.Map {
		if !present[ref] {
			deletes.add(ref.Source, ref.Key)
		}
	}
	return deletes.exec(ctx, tx, dialect)
}

// writeRunDetail replaces the links, blocked values and conflicts with this
// run's.
func writeRunDetail(ctx context.Context, tx execer, dialect string, res *Result, a *Assignment, blocked []ValueCount) error {
	for _, table := range []string{"identity_links", "identity_blocked", "identity_conflicts"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table); err != nil {
			return fmt.Errorf("clear %s: %w", table, err)
		}
	}
	links := newBulkInsert("identity_links", "run_id BIGINT", "customer_id TEXT", "a_source TEXT", "a_key TEXT",
		"b_source TEXT", "b_key TEXT", "identifier_type TEXT", "identifier_value TEXT", "rule TEXT")
	for _, l := range res.Links {
		ra, rb := res.Records[l.A].Ref(), res.Records[l.B].Ref()
		links.add(a.Run, a.IDs[l.A], ra.Source, ra.Key, rb.Source, rb.Key, l.Type, l.Value, l.Rule)
	}
	if err := links.exec(ctx, tx, dialect); err != nil {
		return err
	}
	values := newBulkInsert("identity_blocked", "run_id BIGINT", "identifier_type TEXT", "value TEXT", "reason TEXT",
		"detail TEXT", "records BIGINT")
	for _, v := range append(slices.Clip(blocked), res.Quarantined...) {
		values.add(a.Run, v.Type, v.Value, v.Reason, v.Detail, v.Records)
	}
	if err := values.exec(ctx, tx, dialect); err != nil {
		return err
	}
	conflicts := newBulkInsert("identity_conflicts", "run_id BIGINT", "rule TEXT", "a_source TEXT", "a_key TEXT",
		"b_source TEXT", "b_key TEXT", "identifier_type TEXT", "identifier_value TEXT", "detail TEXT")
	for _, c := range res.Conflicts {
		conflicts.add(a.Run, c.Rule, c.A.Source, c.A.Key, c.B.Source, c.B.Key, c.Type, c.Value, c.Detail)
	}
	return conflicts.exec(ctx, tx, dialect)
}
