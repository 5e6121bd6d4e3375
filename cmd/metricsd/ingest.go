package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/metricsd/metricsd/ingest"
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/warehouse"
)

// runIngest loads the file sources of a definitions directory into the
// warehouse. Each source is one transaction; a rejected source does not
// stop the others, but makes the command exit 1.
func runIngest(ctx context.Context, s streams, args []string) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(s.stderr)
	fs.Usage = func() {
		fmt.Fprintln(s.stderr, "Usage: metricsd ingest --dsn DSN [--definitions DIR] [--data-dir DIR] [--dry-run] [SOURCE...]")
		fmt.Fprintln(s.stderr, "Load the CSV and NDJSON files of each named source, or of every file source when none is named.")
		fmt.Fprintln(s.stderr, "Exit status: 0 loaded or unchanged, 1 a source was rejected or the warehouse failed, 2 usage error.")
		fs.PrintDefaults()
	}
	dsn := fs.String("dsn", os.Getenv("METRICSD_DSN"), "warehouse: duckdb:, duckdb:/path/file.duckdb or postgres://... (default $METRICSD_DSN)")
	defs := fs.String("definitions", "definitions", "definitions directory")
	dataDir := fs.String("data-dir", os.Getenv("METRICSD_DATA_DIR"), "directory that relative files globs start from (default $METRICSD_DATA_DIR, else the definitions directory)")
	dryRun := fs.Bool("dry-run", false, "check every file and report what would load, then roll back")
	maxErrors := fs.Int("max-errors", ingest.DefaultMaxErrors, "bad values to list per rejected source; the rest are counted")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *dsn == "" {
		fmt.Fprintln(s.stderr, "metricsd ingest: --dsn is required (or set METRICSD_DSN)")
		return exitUsage
	}
	set, code := loadDefinitions(s, "ingest", *defs)
	if set == nil {
		return code
	}
	sources, err := fileSources(set, fs.Args())
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd ingest: %v\n", err)
		return exitUsage
	}
	wh, err := openWarehouse(ctx, *dsn, true)
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd ingest: %v\n", err)
		return exitFail
	}
	defer wh.Close()
	db, dialect := wh.DB().DB, wh.Dialect()

	opts := ingest.Options{BaseDir: *defs, MaxErrors: *maxErrors, DryRun: *dryRun}
	if *dataDir != "" {
		opts.BaseDir = *dataDir
	}
	if p := newTerminalProgress(s.stderr); p != nil {
		opts.Progress = p
	}
	failed := 0
	for _, src := range sources {
		start := time.Now()
		res, err := ingest.Load(ctx, db, dialect, src, opts)
		if err != nil {
			fmt.Fprintf(s.stderr, "metricsd ingest: %v\n", err)
			failed++
			if ctx.Err() != nil {
				break
			}
			continue
		}
		printLoad(s, res, time.Since(start), *dryRun)
	}
	if failed > 0 {
		return exitFail
	}
	return exitOK
}

// loadDefinitions loads a definitions directory and prints its error
// diagnostics. It returns a nil set and the exit code when they fail.
func loadDefinitions(s streams, cmd, dir string) (*model.Set, int) {
	set, diags, err := load.Dir(dir)
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd %s: %v\n", cmd, err)
		return nil, exitUsage
	}
	if diags.HasErrors() {
		diags.Sort()
		for _, d := range diags.Errors() {
			fmt.Fprintf(s.stderr, "%s: %s %s\n", d.Pos, d.Code, d.Summary)
		}
		fmt.Fprintf(s.stderr, "metricsd %s: %s has invalid definitions; run metricsd validate %s\n", cmd, dir, dir)
		return nil, exitFail
	}
	return set, exitOK
}

// fileSources picks the named sources, or every source with a files
// location when no name is given.
func fileSources(set *model.Set, names []string) ([]*model.Source, error) {
	byName := map[string]*model.Source{}
	var all []string
	var files []*model.Source
	for _, src := range set.Sources {
		byName[src.Name] = src
		all = append(all, src.Name)
		if src.Location.Files != "" {
			files = append(files, src)
		}
	}
	if len(names) == 0 {
		if len(files) == 0 {
			return nil, errors.New("no source declares location.files: there is nothing to ingest")
		}
		return files, nil
	}
	var out []*model.Source
	for _, name := range names {
		src, ok := byName[name]
		if !ok {
			msg := fmt.Sprintf("unknown source %q", name)
			if sug := diag.Suggest(name, all); len(sug) > 0 {
				msg += fmt.Sprintf("; did you mean %q?", sug[0])
			}
			return nil, errors.New(msg)
		}
		if src.Location.Files == "" {
			return nil, fmt.Errorf("source %s is a warehouse table (location.table only), not files: nothing to ingest", name)
		}
		out = append(out, src)
	}
	return out, nil
}

func printLoad(s streams, res *ingest.Result, took time.Duration, dryRun bool) {
	var rows int64
	loaded := 0
	for _, f := range res.Files {
		rows += f.Rows
		if !f.Skipped {
			loaded++
		}
	}
	verb := "loaded"
	if dryRun {
		verb = "would load (dry run, rolled back)"
	}
	fmt.Fprintf(s.stdout, "%s -> %s: %d of %d files %s, %d rows, %s\n", res.Source, res.Table, loaded, len(res.Files), verb, rows, took.Round(time.Millisecond))
	for _, f := range res.Files {
		switch {
		case f.Skipped:
			fmt.Fprintf(s.stdout, "  %s: unchanged since the last load, skipped\n", f.File)
		case f.Replaced:
			fmt.Fprintf(s.stdout, "  %s: %d rows, replacing the earlier version\n", f.File, f.Rows)
		default:
			fmt.Fprintf(s.stdout, "  %s: %d rows\n", f.File, f.Rows)
		}
		if f.LazyQuotes {
			fmt.Fprintf(s.stdout, "  %s: a quote appears inside an unquoted field; read with lenient quoting\n", f.File)
		}
	}
}

// openWarehouse opens and pings the warehouse at dsn. Loads disable the
// query timeout because a large file may take longer than any interactive
// query should.
func openWarehouse(ctx context.Context, dsn string, noTimeout bool) (*warehouse.Warehouse, error) {
	opts := warehouse.Options{}
	if noTimeout {
		opts.QueryTimeout = -1
	}
	w, err := warehouse.Open(ctx, dsn, opts)
	if err != nil {
		return nil, err
	}
	if err := w.Ping(ctx); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}
