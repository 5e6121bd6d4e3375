package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Defaults of the churn guard.
const (
	DefaultMaxChurn        = 0.05
	DefaultMinChurnRecords = 10
)

// RunOptions control a stored run.
type RunOptions struct {
	// Force stores the run even when its churn passes the threshold.
	Force bool
	// MaxChurn is the share of earlier records that may change customer
	// before the run fails (0 means DefaultMaxChurn).
	MaxChurn float64
	// MinChurnRecords is the number of changed records below which
	// MaxChurn is not checked, so a handful of changes in a small warehouse
	// passes. 0 means DefaultMinChurnRecords.
	MinChurnRecords int
	// Now returns the time stamped on the run; nil means time.Now.
	Now func() time.Time
}

// Input is the data of one run: normalized records and, when they came
// through Normalize, its report. The report's blocked values are stored
// with the run's.
type Input struct {
	Records   []Record
	Normalize *NormalizeReport
}

// RunReport is the outcome of a stored run.
type RunReport struct {
	Run        int64
	Result     *Result
	Assignment *Assignment
	Blocked    []ValueCount // blocked values of normalization and resolution, most frequent first
	Invalid    map[string]int
	Status     string // "committed" or "rejected"
}

// ChurnError rejects a run that would change the customer of too many
// earlier records. Nothing of the run is stored except its row in
// identity_runs with status "rejected".
type ChurnError struct {
	Churned, PriorRecords int
	MaxChurn              float64
}

func (e *ChurnError) Error() string {
	return fmt.Sprintf("identity run rejected: %d of %d earlier records (%.1f%%) would change customer, more than the %.1f%% allowed; check the blocked values and conflicts, then rerun with force (--force on the command line) to accept the changes",
		e.Churned, e.PriorRecords, 100*float64(e.Churned)/float64(e.PriorRecords), 100*e.MaxChurn)
}

// Run resolves in, assigns stable ids against the stored state and writes
// everything in one transaction: the registry, aliases, map, links,
// blocked values, conflicts and the run's row. Overrides stored in
// identity_overrides are added to cfg's. On PostgreSQL the run locks
// identity_runs, so concurrent runs take turns.
func Run(ctx context.Context, db *sql.DB, dialect string, in Input, cfg *Config, opts RunOptions) (*RunReport, error) {
	if err := EnsureSchema(ctx, db, dialect); err != nil {
		return nil, err
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	started := now()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin identity run: %w", err)
	}
	defer tx.Rollback()
	if dialect == DialectPostgres {
		if _, err := tx.ExecContext(ctx, `LOCK TABLE identity_runs IN EXCLUSIVE MODE`); err != nil {
			return nil, fmt.Errorf("lock identity_runs: %w", err)
		}
	}

	report, prior, err := resolveStored(ctx, tx, in, cfg)
	if err != nil {
		return nil, err
	}
	a := report.Assignment
	if churnErr := checkChurn(a.Changes, opts); churnErr != nil {
		tx.Rollback()
		report.Status = "rejected"
		if err := insertRun(ctx, db, dialect, report, opts.Force, started, now(), churnErr.Error()); err != nil {
			return nil, errors.Join(churnErr, err)
		}
		return report, churnErr
	}

	report.Status = "committed"
	if err := writeAll(ctx, tx, dialect, prior, report); err != nil {
		return nil, err
	}
	if err := insertRun(ctx, tx, dialect, report, opts.Force, started, now(), ""); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("commit identity run %d: %w", a.Run, err)
	}
	return report, nil
}

func resolveStored(ctx context.Context, tx *sql.Tx, in Input, cfg *Config) (*RunReport, *State, error) {
	overrides, err := LoadOverrides(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	withOverrides := *cfg
	withOverrides.Overrides = append(slices.Clip(cfg.Overrides), overrides...)
	prior, err := LoadState(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	res, err := Resolve(in.Records, &withOverrides)
	if err != nil {
		return nil, nil, err
	}
	report := &RunReport{Result: res, Invalid: map[string]int{}}
	report.Run = prior.Run + 1
	report.Assignment = Assign(res, prior, report.Run)
	report.Blocked = slices.Clone(res.Blocked)
	if in.Normalize != nil {
		report.Blocked = mergeBlocked(in.Normalize.Blocked, res.Blocked)
		report.Invalid = in.Normalize.Invalid
	}
	report.Assignment.Changes.Blocked = len(report.Blocked)
	return report, prior, nil
}

// mergeBlocked adds up the counts of values blocked in both stages.
func mergeBlocked(a, b []ValueCount) []ValueCount {
	var c blockedCounter
	for _, list := range [][]ValueCount{a, b} {
		for _, v := range list {
			c.add(v.Type, v.Value, v.Reason, v.Records)
		}
	}
	sortValueCounts(c.list)
	return c.list
}

func checkChurn(c Changes, opts RunOptions) *ChurnError {
	maxChurn, minRecords := opts.MaxChurn, opts.MinChurnRecords
	if maxChurn == 0 {
		maxChurn = DefaultMaxChurn
	}
	if minRecords == 0 {
		minRecords = DefaultMinChurnRecords
	}
	if opts.Force || c.Churned < minRecords || c.Churn() <= maxChurn {
		return nil
	}
	return &ChurnError{Churned: c.Churned, PriorRecords: c.PriorRecords, MaxChurn: maxChurn}
}

func writeAll(ctx context.Context, tx *sql.Tx, dialect string, prior *State, r *RunReport) error {
	if err := writeRegistry(ctx, tx, dialect, prior, r.Assignment); err != nil {
		return err
	}
	if err := writeAliases(ctx, tx, dialect, prior, r.Assignment); err != nil {
		return err
	}
	if err := writeMap(ctx, tx, dialect, prior, r.Result, r.Assignment); err != nil {
		return err
	}
	return writeRunDetail(ctx, tx, dialect, r.Result, r.Assignment, r.Blocked)
}

func insertRun(ctx context.Context, tx execer, dialect string, r *RunReport, forced bool, started, finished time.Time, message string) error {
	c, s := r.Assignment.Changes, r.Result.Stats
	row := newBulkInsert("identity_runs", "run_id BIGINT", "started_at TIMESTAMP", "finished_at TIMESTAMP", "status TEXT",
		"forced BOOLEAN", "records BIGINT", "identifiers BIGINT", "customers BIGINT", "links BIGINT",
		"new_customers BIGINT", "merged BIGINT", "split BIGINT", "moved BIGINT", "retired BIGINT", "removed BIGINT",
		"blocked BIGINT", "quarantined BIGINT", "conflicts BIGINT", "churned BIGINT", "prior_records BIGINT", "message TEXT")
	row.add(r.Run, started, finished, r.Status, forced, s.Records, s.Identifiers, s.Customers, len(r.Result.Links),
		c.New, c.Merged, c.Split, c.Moved, c.Retired, c.Removed, c.Blocked, c.Quarantined, len(r.Result.Conflicts),
		c.Churned, c.PriorRecords, message)
	return row.exec(ctx, tx, dialect)
}
