package identity

import (
	"context"
	"database/sql"
	"fmt"
)

// queryer is the part of *sql.DB and *sql.Tx that reading uses.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// LoadState reads the registry, the aliases and the record → customer map
// that earlier runs stored.
func LoadState(ctx context.Context, q queryer) (*State, error) {
	s := NewState()
	var last sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT max(run_id) FROM identity_runs`).Scan(&last); err != nil {
		return nil, fmt.Errorf("read identity_runs: %w", err)
	}
	s.Run = last.Int64
	err := scanRows(ctx, q, `SELECT customer_id, anchor_source, anchor_key, anchor_first_seen, issued_run, status,
		merged_into, split_from, updated_run FROM identity_registry`, func(rows *sql.Rows) error {
		var (
			info                  IDInfo
			firstSeen             sql.NullTime
			mergedInto, splitFrom sql.NullString
		)
		if err := rows.Scan(&info.ID, &info.Anchor.Source, &info.Anchor.Key, &firstSeen, &info.IssuedRun, &info.Status,
			&mergedInto, &splitFrom, &info.UpdatedRun); err != nil {
			return err
		}
		info.AnchorFirstSeen = firstSeen.Time
		info.MergedInto, info.SplitFrom = mergedInto.String, splitFrom.String
		s.IDs[info.ID] = &info
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read identity_registry: %w", err)
	}
	err = scanRows(ctx, q, `SELECT alias_id, customer_id FROM identity_aliases`, func(rows *sql.Rows) error {
		var alias, id string
		if err := rows.Scan(&alias, &id); err != nil {
			return err
		}
		s.Aliases[alias] = id
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read identity_aliases: %w", err)
	}
	err = scanRows(ctx, q, `SELECT source, record_key, customer_id FROM identity_map`, func(rows *sql.Rows) error {
		var ref RecordRef
		var id string
		if err := rows.Scan(&ref.Source, &ref.Key, &id); err != nil {
			return err
		}
		s.Map[ref] = id
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read identity_map: %w", err)
	}
	return s, nil
}

// LoadOverrides reads the manual must-link and cannot-link decisions from
// identity_overrides.
func LoadOverrides(ctx context.Context, q queryer) ([]Override, error) {
	var out []Override
	err := scanRows(ctx, q, `SELECT rule, a_source, a_key, b_source, b_key, note FROM identity_overrides
		ORDER BY rule, a_source, a_key, b_source, b_key`, func(rows *sql.Rows) error {
		var o Override
		var note sql.NullString
		if err := rows.Scan(&o.Rule, &o.A.Source, &o.A.Key, &o.B.Source, &o.B.Key, &note); err != nil {
			return err
		}
		o.Note = note.String
		out = append(out, o)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read identity_overrides: %w", err)
	}
	return out, nil
}

// scanRows runs query with args and calls each for every row.
func scanRows(ctx context.Context, q queryer, query string, each func(*sql.Rows) error, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
