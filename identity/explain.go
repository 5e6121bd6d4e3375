package identity

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// Errors of Explain.
var (
	ErrUnknownRecord = errors.New("record not found in identity_map")
	ErrNoRun         = errors.New("no identity run is stored in this warehouse")
)

// Explanation is the customer of a record and the links that put it there.
type Explanation struct {
	Record     RecordRef
	CustomerID string
	Aliases    []string  // merged ids that resolve to CustomerID
	SplitFrom  string    // the id CustomerID was split from, if any
	Anchor     RecordRef // the path's start: the record the id was derived from
	Members    int       // records of the customer
	Path       []Step    // links from Anchor to Record; empty when Record is the anchor
}

// Step is one link of an explanation's path.
type Step struct {
	From, To RecordRef
	Type     string // identifier type; empty for a must-link
	Value    string
	Rule     string
}

// Explain reads the stored run and returns the customer of ref with the
// shortest path of accepted links from the customer's anchor record to ref.
// When the anchor record is no longer part of the customer (it was deleted
// from its source), the path starts at the member that sorts first.
func Explain(ctx context.Context, q queryer, ref RecordRef) (*Explanation, error) {
	e := &Explanation{Record: ref}
	var tables int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name = 'identity_map'`).Scan(&tables)
	if err != nil {
		return nil, fmt.Errorf("look up identity_map: %w", err)
	}
	if tables == 0 {
		return nil, fmt.Errorf("%w: run identity resolve first", ErrNoRun)
	}

	err = q.QueryRowContext(ctx, `SELECT customer_id FROM identity_map WHERE source = $1 AND record_key = $2`,
		ref.Source, ref.Key).Scan(&e.CustomerID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s: %w; check the source name and key, or run identity resolve first", ref, ErrUnknownRecord)
	}
	if err != nil {
		return nil, fmt.Errorf("read identity_map for %s: %w", ref, err)
	}

	var splitFrom sql.NullString

	err = q.QueryRowContext(ctx, `SELECT anchor_source, anchor_key, split_from FROM identity_registry WHERE customer_id = $1`,
		e.CustomerID).Scan(&e.Anchor.Source, &e.Anchor.Key, &splitFrom)
	if err != nil {
		return nil, fmt.Errorf("read identity_registry for %s: %w", e.CustomerID, err)
	}
	e.SplitFrom = splitFrom.String

	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM identity_map WHERE customer_id = $1`, e.CustomerID).Scan(&e.Members); err != nil {
		return nil, fmt.Errorf("count members of %s: %w", e.CustomerID, err)
	}

	err = scanRows(ctx, q, `SELECT alias_id FROM identity_aliases WHERE customer_id = $1 ORDER BY alias_id`,
		func(rows *sql.Rows) error {
			var alias string
			err := rows.Scan(&alias)
			e.Aliases = append(e.Aliases, alias)
			return err
		}, e.CustomerID)
	if err != nil {
		return nil, fmt.Errorf("read identity_aliases for %s: %w", e.CustomerID, err)
	}

	var links []Step
	err = scanRows(ctx, q, `SELECT a_source, a_key, b_source, b_key, identifier_type, identifier_value, rule
		FROM identity_links WHERE customer_id = $1`, func(rows *sql.Rows) error {
		var s Step
		err := rows.Scan(&s.From.Source, &s.From.Key, &s.To.Source, &s.To.Key, &s.Type, &s.Value, &s.Rule)
		links = append(links, s)
		return err
	}, e.CustomerID)
	if err != nil {
		return nil, fmt.Errorf("read identity_links for %s: %w", e.CustomerID, err)
	}

	e.Anchor, e.Path = shortestPath(links, e.Anchor, ref)
	return e, nil
}

// checkStored returns ErrNoRun when the identity tables do not exist.
func checkStored(ctx context.Context, q queryer) error {
	var tables int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name = 'identity_map'`).Scan(&tables)
	if err != nil {
		return fmt.Errorf("look up identity_map: %w", err)
	}
	if tables == 0 {
		return fmt.Errorf("%w: run identity resolve first", ErrNoRun)
	}
	return nil
}

// shortestPath finds the fewest links from start to goal by breadth-first
// search, treating links as undirected and orienting each step along the
// path. If start is not on any link, the link endpoint that sorts first
// becomes the start; the start actually used is returned.
func shortestPath(links []Step, start, goal RecordRef) (RecordRef, []Step) {
	adj := map[RecordRef][]int{}
	for i, l := range links {
		adj[l.From] = append(adj[l.From], i)
		adj[l.To] = append(adj[l.To], i)
	}
	if _, ok := adj[start]; !ok && len(links) > 0 {
		nodes := make([]RecordRef, 0, len(adj))
		for n := range adj {
			nodes = append(nodes, n)
		}
		slices.SortFunc(nodes, func(a, b RecordRef) int { return compareRefs(a, b) })
		start = nodes[0]
	}
	via := map[RecordRef]int{start: -1}
	queue := []RecordRef{start}
	for len(queue) > 0 && goal != start {
		n := queue[0]
		queue = queue[1:]
		for _, i := range adj[n] {
			next := links[i].To
			if next == n {
				next = links[i].From
			}
			if _, seen := via[next]; seen {
				continue
			}
			via[next] = i
			queue = append(queue, next)
		}
	}
	if _, ok := via[goal]; !ok {
		return start, nil
	}
	var path []Step
	for n := goal; via[n] >= 0; {
		l := links[via[n]]
		if l.To != n {
			l.From, l.To = l.To, l.From
		}
		path = append(path, l)
		n = l.From
	}
	slices.Reverse(path)
	return start, path
}

func compareRefs(a, b RecordRef) int {
	if c := cmp.Compare(a.Source, b.Source); c != 0 {
		return c
	}
	return cmp.Compare(a.Key, b.Key)
}
