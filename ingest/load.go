package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/metricsd/metricsd/semantic/model"
)

// DefaultMaxErrors is how many bad rows a rejected load reports when
// Options.MaxErrors is zero.
const DefaultMaxErrors = 20

// progressEvery is how many rows pass between Progress.Advance calls.
const progressEvery = 256

// Options tune a load.
type Options struct {
	// BaseDir is the directory relative file globs start from.
	BaseDir string
	// MaxErrors caps the bad rows listed in a RejectError.
	MaxErrors int
	// Progress, when set, receives the start, advance and end of each file.
	Progress Progress
	// DryRun parses, checks and writes every row as a real load does, then
	// rolls the transaction back, so the warehouse and ledger stay unchanged.
	DryRun bool
	// Now returns the load time; time.Now when nil.
	Now func() time.Time
}

// Progress receives the advance of a load, file by file.
type Progress interface {
	StartFile(file string, size int64)
	// Advance reports the bytes read and rows parsed so far in the file.
	Advance(bytes, rows int64)
	EndFile()
}

// Result describes a committed load of one source.
type Result struct {
	Source string
	Table  string
	LoadID string
	Files  []FileResult
}

// FileResult describes one file of a load.
type FileResult struct {
	File    string
	SHA256  string
	Rows    int64
	Skipped bool // the ledger already holds this file with the same hash
	// Replaced means rows from an earlier version of the file were deleted.
	Replaced bool
	// LazyQuotes means strict CSV parsing found a quote inside an unquoted
	// field, so the file was read again with encoding/csv LazyQuotes.
	LazyQuotes bool
	Duration   time.Duration
}

// Load loads every file of a source into its table in one transaction.
// Unchanged files (same path and SHA-256 as the newest ledger entry) are
// skipped; a changed file's earlier rows are deleted and replaced. When any
// row is bad, nothing is written and the error is a *RejectError listing
// the rows by file and line. A cancelled ctx rolls everything back.
func Load(ctx context.Context, db *sql.DB, dialect string, src *model.Source, opts Options) (*Result, error) {
	if err := checkDialect(dialect); err != nil {
		return nil, err
	}
	p, err := newPlan(src)
	if err != nil {
		return nil, err
	}
	files, err := matchFiles(opts.BaseDir, src.Location.Files)
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", src.Name, err)
	}
	for i := range files {
		if files[i].sha256, err = hashFile(files[i].path); err != nil {
			return nil, fmt.Errorf("source %s: %w", src.Name, err)
		}
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	l := &loader{db: db, dialect: dialect, plan: p, opts: opts, loadID: newLoadID(now()), now: now}
	if l.opts.MaxErrors <= 0 {
		l.opts.MaxErrors = DefaultMaxErrors
	}
	return l.run(ctx, files)
}

// loader carries one source load.
type loader struct {
	db      *sql.DB
	dialect string
	plan    *plan
	opts    Options
	loadID  string
	now     func() time.Time
	reject  RejectError
}

func (l *loader) run(ctx context.Context, files []inputFile) (*Result, error) {
	tx, err := begin(ctx, l.db, l.dialect)
	if err != nil {
		return nil, fmt.Errorf("begin load of %s: %w", l.plan.source, err)
	}
	defer tx.rollback(ctx)
	if err := ensureLedger(ctx, tx); err != nil {
		return nil, err
	}
	if err := createTable(ctx, tx, l.dialect, l.plan); err != nil {
		return nil, err
	}
	res := &Result{Source: l.plan.source, Table: l.plan.table.String(), LoadID: l.loadID}
	l.reject.Source = l.plan.source
	for _, f := range files {
		fr, err := l.loadFile(ctx, tx, f)
		if err != nil {
			return nil, err
		}
		res.Files = append(res.Files, fr)
	}
	if len(l.reject.Rows) > 0 {
		return nil, &l.reject
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("load of %s cancelled: %w", l.plan.source, err)
	}
	if l.opts.DryRun {
		return res, nil // the deferred rollback undoes the load
	}
	if err := tx.commit(ctx); err != nil {
		return nil, fmt.Errorf("commit load of %s: %w", l.plan.source, err)
	}
	return res, nil
}

// loadFile replaces one file's rows unless the ledger shows it unchanged.
func (l *loader) loadFile(ctx context.Context, tx *session, f inputFile) (FileResult, error) {
	start := time.Now()
	fr := FileResult{File: f.display, SHA256: f.sha256}
	last, err := lastHash(ctx, tx, l.plan.source, f.display)
	if err != nil {
		return fr, err
	}
	if last == f.sha256 {
		fr.Skipped = true
		return fr, nil
	}
	fr.Replaced = last != ""
	if err := l.deleteRows(ctx, tx, f.display); err != nil {
		return fr, err
	}
	fr.Rows, err = l.copyFile(ctx, tx, f, false)
	if errors.Is(err, errBareQuote) {
		fr.LazyQuotes = true
		if err := l.deleteRows(ctx, tx, f.display); err != nil {
			return fr, err
		}
		fr.Rows, err = l.copyFile(ctx, tx, f, true)
	}
	if err != nil {
		return fr, err
	}
	fr.Duration = time.Since(start)
	if len(l.reject.Rows) > 0 {
		return fr, nil
	}
	return fr, recordLoad(ctx, tx, LedgerEntry{ID: l.loadID, Source: l.plan.source, File: f.display, SHA256: f.sha256, Rows: fr.Rows, LoadedAt: l.now()})
}

func (l *loader) deleteRows(ctx context.Context, tx *session, file string) error {
	q := fmt.Sprintf("DELETE FROM %s WHERE %s = $1", l.plan.table.SQL(), quoteIdent(sourceFileColumn))
	if _, err := tx.ExecContext(ctx, q, file); err != nil {
		return fmt.Errorf("delete earlier rows of %s from %s: %w", file, l.plan.table, err)
	}
	return nil
}

// copyFile parses a file and writes its rows. It returns errBareQuote
// when strict CSV parsing meets a quote inside an unquoted field.
func (l *loader) copyFile(ctx context.Context, tx *session, f inputFile, lazy bool) (int64, error) {
	fh, err := os.Open(f.path)
	if err != nil {
		return 0, fmt.Errorf("source %s: %w", l.plan.source, err)
	}
	defer fh.Close()
	in := &countingReader{r: fh}
	rr, err := l.newReader(in, lazy)
	if errors.Is(err, errBareQuote) {
		return 0, err
	}
	if err != nil {
		return 0, fmt.Errorf("%s: %w", f.display, err)
	}
	if l.opts.Progress != nil {
		l.opts.Progress.StartFile(f.display, f.size)
		defer l.opts.Progress.EndFile()
	}
	var rows int64
	err = tx.withWriter(ctx, l.plan, func(w rowWriter) error {
		var err error
		rows, err = l.copyRecords(ctx, rr, w, in, f.display)
		return err
	})
	return rows, err
}

func (l *loader) newReader(in io.Reader, lazy bool) (recordReader, error) {
	if l.plan.format == FormatNDJSON {
		return newNDJSONReader(in, l.plan), nil
	}
	return newCSVReader(in, l.plan, lazy)
}

func (l *loader) copyRecords(ctx context.Context, rr recordReader, w rowWriter, in *countingReader, file string) (int64, error) {
	var rows int64
	for {
		rec, err := rr.next()
		if err == io.EOF {
			break
		}
		var rowErr *RowError
		if errors.As(err, &rowErr) {
			rowErr.File = file
			l.addError(rowErr)
			if rowErr.Fatal {
				break
			}
			continue
		}
		if err != nil {
			return rows, err
		}
		values := l.convertRecord(rec, file)
		if values == nil || len(l.reject.Rows) > 0 {
			continue
		}
		if err := w.write(ctx, values); err != nil {
			// A cancelled ctx closes the transaction's statements, so the
			// write fails with a less telling error.
			if ctx.Err() != nil {
				return rows, l.cancelled(ctx, file, rec.line)
			}
			return rows, err
		}
		rows++
		if rows%progressEvery == 0 {
			if ctx.Err() != nil {
				return rows, l.cancelled(ctx, file, rec.line)
			}
			if l.opts.Progress != nil {
				l.opts.Progress.Advance(in.n, rows)
			}
		}
	}
	if l.opts.Progress != nil {
		l.opts.Progress.Advance(in.n, rows)
	}
	return rows, ctx.Err()
}

func (l *loader) cancelled(ctx context.Context, file string, line int) error {
	return fmt.Errorf("load of %s cancelled at %s:%d, nothing was loaded: %w", l.plan.source, file, line, ctx.Err())
}

// convertRecord checks every value of a record; it returns nil and records
// the errors when any value is bad.
func (l *loader) convertRecord(rec record, file string) []any {
	values := make([]any, 0, len(l.plan.columns)+2)
	ok := true
	for i, c := range l.plan.columns {
		raw := rec.values[i]
		if raw == nil {
			if !c.nullable {
				l.addError(&RowError{File: file, Line: rec.line, Column: c.name, Reason: "value is missing and the column is not nullable"})
				ok = false
			}
			values = append(values, nil)
			continue
		}
		v, err := c.convert(*raw)
		if err != nil {
			l.addError(&RowError{File: file, Line: rec.line, Column: c.name, Reason: err.Error()})
			ok = false
			continue
		}
		values = append(values, v)
	}
	if !ok {
		return nil
	}
	return append(values, l.loadID, file)
}

func (l *loader) addError(e *RowError) {
	if len(l.reject.Rows) < l.opts.MaxErrors {
		l.reject.Rows = append(l.reject.Rows, e)
		return
	}
	l.reject.Omitted++
}
