package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ErrUnknownCustomer is returned by ExplainCustomer for an id the registry
// never issued.
var ErrUnknownCustomer = errors.New("customer id not found in identity_registry")

// CustomerInfo is one customer id as the registry and map store it.
type CustomerInfo struct {
	Requested string // the id asked for; differs from ID when it is an alias
	ID        string // the current id
	Status    string
	IssuedRun int64
	Anchor    RecordRef
	SplitFrom string
	Aliases   []string
	Members   []RecordRef // sorted by source and key, at most the limit asked for
	Count     int         // all members
}

// ExplainCustomer looks up a customer id, following an alias, and lists up
// to limit of its records.
func ExplainCustomer(ctx context.Context, q queryer, id string, limit int) (*CustomerInfo, error) {
	c := &CustomerInfo{Requested: id, ID: id}
	if err := checkStored(ctx, q); err != nil {
		return nil, err
	}
	var target string
	err := q.QueryRowContext(ctx, `SELECT customer_id FROM identity_aliases WHERE alias_id = $1`, id).Scan(&target)
	switch {
	case err == nil:
		c.ID = target
	case !errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("read identity_aliases for %s: %w", id, err)
	}

	var splitFrom sql.NullString
	err = q.QueryRowContext(ctx, `SELECT status, issued_run, anchor_source, anchor_key, split_from
		FROM identity_registry WHERE customer_id = $1`, c.ID).Scan(&c.Status, &c.IssuedRun, &c.Anchor.Source, &c.Anchor.Key, &splitFrom)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s: %w", id, ErrUnknownCustomer)
	}
	if err != nil {
		return nil, fmt.Errorf("read identity_registry for %s: %w", c.ID, err)
	}
	c.SplitFrom = splitFrom.String

	err = scanRows(ctx, q, `SELECT alias_id FROM identity_aliases WHERE customer_id = $1 ORDER BY alias_id`,
		func(rows *sql.Rows) error {
			var alias string
			err := rows.Scan(&alias)
			c.Aliases = append(c.Aliases, alias)
			return err
		}, c.ID)
	if err != nil {
		return nil, fmt.Errorf("read identity_aliases for %s: %w", c.ID, err)
	}
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM identity_map WHERE customer_id = $1`, c.ID).Scan(&c.Count); err != nil {
		return nil, fmt.Errorf("count members of %s: %w", c.ID, err)
	}
	err = scanRows(ctx, q, `SELECT source, record_key FROM identity_map WHERE customer_id = $1
		ORDER BY source, record_key LIMIT $2`, func(rows *sql.Rows) error {
		var r RecordRef
		err := rows.Scan(&r.Source, &r.Key)
		c.Members = append(c.Members, r)
		return err
	}, c.ID, limit)
	if err != nil {
		return nil, fmt.Errorf("read members of %s: %w", c.ID, err)
	}
	return c, nil
}
