package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/metricsd/metricsd/ingest"
	"github.com/metricsd/metricsd/semantic/model"
)

// Freshness states.
const (
	StateOK    = "ok"
	StateWarn  = "warn"
	StateError = "error"
	// StateUnchecked is a source without a freshness rule.
	StateUnchecked = "unchecked"
)

// Status is one source's catalog entry with its computed freshness.
type Status struct {
	Source  string
	System  string
	Owner   string
	Refresh string
	Trust   string
	Table   string

	// Field is the freshness field; empty when the source has no rule.
	Field      string
	WarnAfter  time.Duration
	ErrorAfter time.Duration
	// Newest is the newest value of Field, nil when the table is missing
	// or has no non-NULL value.
	Newest *time.Time
	// Age is now minus Newest. It is negative when data is dated in the
	// future, which counts as fresh.
	Age *time.Duration
	// State is ok, warn, error or unchecked.
	State string
	// Reason explains a warn or error state in a sentence.
	Reason string
	// LastLoad lists the ledger entries of the newest ingest of the
	// source, empty when ingest never loaded it.
	LastLoad []ingest.LedgerEntry
}

// Freshness computes the status of every source at time now. For a source
// with a freshness rule it reads the newest value of the rule's field from
// the source's table. A missing table or one with no values gives the error
// state, not a Go error. Freshness returns an error only when the warehouse
// cannot be queried or a definition is invalid (a bad identifier or age).
func Freshness(ctx context.Context, db *sql.DB, dialect string, sources []*model.Source, now time.Time) ([]Status, error) {
	loads, err := ingest.LastLoads(ctx, db, dialect)
	if err != nil {
		return nil, err
	}
	out := make([]Status, 0, len(sources))
	for _, src := range sources {
		st := Status{
			Source: src.Name, System: src.System, Owner: src.Owner, Refresh: src.Refresh,
			Trust: src.Trust, Table: src.Location.Table, State: StateUnchecked, LastLoad: loads[src.Name],
		}
		if src.Freshness != nil {
			if err := check(ctx, db, dialect, src, now, &st); err != nil {
				return nil, fmt.Errorf("source %s: %w", src.Name, err)
			}
		}
		out = append(out, st)
	}
	return out, nil
}

// check fills the freshness fields of st from the source's rule.
func check(ctx context.Context, db *sql.DB, dialect string, src *model.Source, now time.Time, st *Status) error {
	rule := src.Freshness
	st.Field = rule.Field
	var err error
	if st.WarnAfter, err = optionalAge(rule.WarnAfter); err != nil {
		return fmt.Errorf("freshness.warn_after: %w", err)
	}
	if st.ErrorAfter, err = optionalAge(rule.ErrorAfter); err != nil {
		return fmt.Errorf("freshness.error_after: %w", err)
	}
	if st.Table == "" {
		return fmt.Errorf("a freshness rule needs location.table")
	}
	exists, err := ingest.TableExists(ctx, db, dialect, st.Table)
	if err != nil {
		return err
	}
	if !exists {
		st.State, st.Reason = StateError, fmt.Sprintf("table %s does not exist: load the source first", st.Table)
		return nil
	}
	newest, err := newestValue(ctx, db, st.Table, rule.Field)
	if err != nil {
		return err
	}
	if newest == nil {
		st.State, st.Reason = StateError, fmt.Sprintf("table %s has no %s values", st.Table, rule.Field)
		return nil
	}
	age := now.Sub(*newest)
	st.Newest, st.Age = newest, &age
	st.State, st.Reason = judge(age, st.WarnAfter, st.ErrorAfter)
	return nil
}

func optionalAge(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	return ParseAge(s)
}

// judge maps an age to a state; a zero threshold is not checked.
func judge(age, warnAfter, errorAfter time.Duration) (string, string) {
	switch {
	case errorAfter > 0 && age > errorAfter:
		return StateError, fmt.Sprintf("newest data is %s old, more than error_after %s", formatAge(age), formatAge(errorAfter))
	case warnAfter > 0 && age > warnAfter:
		return StateWarn, fmt.Sprintf("newest data is %s old, more than warn_after %s", formatAge(age), formatAge(warnAfter))
	}
	return StateOK, ""
}

// newestValue returns max(field) of table as a time, nil when the table has
// no non-NULL value. DATE and TIMESTAMP values are read as UTC.
func newestValue(ctx context.Context, db *sql.DB, table, field string) (*time.Time, error) {
	qt, err := ingest.QuoteTable(table)
	if err != nil {
		return nil, err
	}
	qf, err := ingest.QuoteIdent(field)
	if err != nil {
		return nil, fmt.Errorf("freshness.field: %w", err)
	}
	var v sql.NullTime
	if err := db.QueryRowContext(ctx, fmt.Sprintf("SELECT max(%s) FROM %s", qf, qt)).Scan(&v); err != nil {
		return nil, fmt.Errorf("read newest %s from %s (the field must be a date or timestamp column): %w", field, table, err)
	}
	if !v.Valid {
		return nil, nil
	}
	t := v.Time
	return &t, nil
}

// formatAge prints a duration in days and hours when it is a day or more.
func formatAge(d time.Duration) string {
	if d >= 24*time.Hour {
		days := d / (24 * time.Hour)
		rest := (d - days*24*time.Hour).Round(time.Hour)
		if rest == 0 {
			return fmt.Sprintf("%dd", days)
		}
		return fmt.Sprintf("%dd%s", days, shortDuration(rest))
	}
	return shortDuration(d.Round(time.Second))
}

// shortDuration drops the zero minutes and seconds that time.Duration
// prints ("36h" rather than "36h0m0s").
func shortDuration(d time.Duration) string {
	s := d.String()
	if d == 0 {
		return s
	}
	if d%time.Minute == 0 {
		s = strings.TrimSuffix(s, "0s")
	}
	if d%time.Hour == 0 {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
