package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/metricsd/metricsd/catalog"
	"github.com/metricsd/metricsd/demo"
	"github.com/metricsd/metricsd/demo/withidentity"
	"github.com/metricsd/metricsd/guard"
	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/semantic/query"
	"github.com/metricsd/metricsd/server/api"
	"github.com/metricsd/metricsd/warehouse"
)

// queryFlags are the command-line form of a metric query.
type queryFlags struct {
	dsn, definitions                 string
	metrics, groupBy, orderBy        string
	where, timeRange, timeZone, week string
	limit, offset, fiscalStart       int
	includeEmpty                     bool
	format                           string
	timeout                          time.Duration
	showSQL                          bool
}

// runQuery compiles a metric query against a definitions directory, runs
// it and prints the result as a table, CSV or JSON. Without --dsn it runs
// on an in-memory DuckDB loaded with the demo business (seed 1).
func runQuery(ctx context.Context, s streams, args []string) int {
	var f queryFlags

	fs := flag.NewFlagSet("query", flag.ContinueOnError)
	fs.SetOutput(s.stderr)
	fs.StringVar(&f.dsn, "dsn", "", `warehouse DSN: "duckdb:/path/file.duckdb" or "postgres://..." (default: in-memory DuckDB with the demo data)`)
	fs.StringVar(&f.definitions, "definitions", "definitions", "definitions directory")
	fs.StringVar(&f.metrics, "metrics", "", "comma-separated metric names, each optionally pinned as name@version (required)")
	fs.StringVar(&f.groupBy, "group-by", "", "comma-separated group-by names, e.g. channel__name,metric_time__month")
	fs.StringVar(&f.where, "where", "", `CEL filter over group-by names, e.g. "channel__name != 'test'"`)
	fs.StringVar(&f.timeRange, "time-range", "", "START,END on metric_time; either may be empty, and a date as END includes that whole day, e.g. 2026-01-01,2026-03-31")
	fs.StringVar(&f.timeZone, "time-zone", "", "IANA time zone for buckets and range bounds (default UTC)")
	fs.StringVar(&f.week, "week-start", "", "first day of a week bucket, monday (default) to sunday")
	fs.IntVar(&f.fiscalStart, "fiscal-year-start-month", 0, "first month (1-12) of fiscal quarters and years")
	fs.BoolVar(&f.includeEmpty, "include-empty", false, "list dimension values that have no measure rows")
	fs.StringVar(&f.orderBy, "order-by", "", "comma-separated names; a leading - sorts descending, e.g. -ad_spend")
	fs.IntVar(&f.limit, "limit", 0, "maximum rows (0: all)")
	fs.IntVar(&f.offset, "offset", 0, "rows to skip")
	fs.StringVar(&f.format, "format", "table", "output format: table, csv or json")
	fs.DurationVar(&f.timeout, "timeout", warehouse.DefaultQueryTimeout, "warehouse query timeout")
	fs.BoolVar(&f.showSQL, "sql", false, "print the compiled SQL and plan to stderr")
	fs.Usage = func() {
		fmt.Fprintln(s.stderr, "Usage: metricsd query --metrics a,b [--group-by x,y] [--where CEL] [--time-range START,END] [--time-zone TZ] [--order-by -a] [--limit N] [--format table|csv|json] [--dsn DSN] [--definitions DIR]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}

	q, err := f.query()
	if err == nil && fs.NArg() > 0 {
		err = fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err == nil && f.format != "table" && f.format != "csv" && f.format != "json" {
		err = fmt.Errorf("invalid --format %q: use table, csv or json", f.format)
	}
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd query: %v\n", err)
		return exitUsage
	}
	return executeQuery(ctx, s, f, q)
}

// query builds the query from the flags.
func (f queryFlags) query() (query.Query, error) {
	q := query.Query{
		Metrics:   splitList(f.metrics),
		GroupBy:   splitList(f.groupBy),
		Where:     f.where,
		TimeZone:  f.timeZone,
		WeekStart: f.week,
		Limit:     f.limit,
		Offset:    f.offset,

		FiscalYearStartMonth:        f.fiscalStart,
		IncludeEmptyDimensionValues: f.includeEmpty,
	}
	if len(q.Metrics) == 0 {
		return q, errors.New("--metrics is required, e.g. --metrics leads,ad_spend")
	}
	for _, o := range splitList(f.orderBy) {
		q.OrderBy = append(q.OrderBy, query.ParseOrder(o))
	}
	if f.timeRange != "" {
		start, end, ok := strings.Cut(f.timeRange, ",")
		if !ok {
			return q, fmt.Errorf("invalid --time-range %q: use START,END (either may be empty)", f.timeRange)
		}
		q.TimeRange = &query.TimeRange{Start: strings.TrimSpace(start), End: strings.TrimSpace(end)}
	}
	return q, nil
}

func executeQuery(ctx context.Context, s streams, f queryFlags, q query.Query) int {
	if err := checkDir(f.definitions); err != nil {
		fmt.Fprintf(s.stderr, "metricsd query: %v\n", err)
		return exitUsage
	}
	set, diags, err := load.Dir(f.definitions)
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd query: %v\n", err)
		return exitUsage
	}
	files := map[string][]byte{}
	for _, file := range set.Files {
		files[file.Path] = file.Data
	}
	if diags.HasErrors() {
		diag.WriteText(s.stderr, diags, files)
		return exitFail
	}
	m, diags := semantic.Build(set)
	if m == nil {
		diag.WriteText(s.stderr, diags, files)
		fmt.Fprintf(s.stderr, "metricsd query: definitions in %s are invalid\n", f.definitions)
		return exitFail
	}

	w, err := openQueryWarehouse(ctx, f)
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd query: %v\n", err)
		return exitFail
	}
	defer w.Close()

	compiled, diags := semantic.Compile(m, q, w.Dialect())
	if compiled == nil {
		diag.WriteText(s.stderr, diags, files)
		return exitFail
	}
	if len(compiled.Warnings) > 0 {
		diag.WriteText(s.stderr, compiled.Warnings, files)
	}
	if f.showSQL {
		fmt.Fprintf(s.stderr, "-- plan\n%s\n-- %s SQL\n%s\n-- args %v\n", compiled.Plan, w.Dialect(), compiled.SQL, compiled.Args)
	}
	statuses, findings := checkQueryGuards(ctx, s, w, set, m, q)
	if len(findings.Rejected()) > 0 {
		diag.WriteText(s.stderr, findings.Diagnostics(), files)
		fmt.Fprintf(s.stderr, "metricsd query: rejected by an error guard on %s\n", strings.Join(findings.Rejected(), ", "))
		return exitFail
	}
	res, err := w.Query(ctx, compiled.SQL, compiled.Args)
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd query: %v\n", err)
		return exitFail
	}
	if found := guard.CheckColumns(ctx, m, compiled.Columns, res.Rows, statuses, time.Now()); len(found) > 0 {
		diag.WriteText(s.stderr, found.Diagnostics(), files)
		if len(found.Rejected()) > 0 {
			fmt.Fprintf(s.stderr, "metricsd query: rejected by an error guard on %s\n", strings.Join(found.Rejected(), ", "))
			return exitFail
		}
	}
	types := make([]string, len(compiled.Columns))
	for i, c := range compiled.Columns {
		types[i] = c.Type
	}
	api.LocalizeTimestamps(types, res.Rows, f.timeZone)
	if err := writeResult(s.stdout, f.format, compiled.Columns, res); err != nil {
		fmt.Fprintf(s.stderr, "metricsd query: write output: %v\n", err)
		return exitFail
	}
	return exitOK
}

// checkQueryGuards evaluates the guards of q's metrics over the sources'
// freshness before the query runs, printing warning findings. When the
// freshness cannot be read, guards that read it fire (they fail closed).
func checkQueryGuards(ctx context.Context, s streams, w *warehouse.Warehouse, set *model.Set, m *semantic.Model, q query.Query) ([]catalog.Status, guard.Findings) {
	now := time.Now()
	statuses, err := catalog.Freshness(ctx, w.DB().DB, w.Dialect(), set.Sources, now)
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd query: read source freshness failed: %v\n", err)
		statuses = nil
	}
	findings := guard.Check(ctx, m, q.Metrics, statuses, now)
	if len(findings.Rejected()) == 0 && len(findings) > 0 {
		diag.WriteText(s.stderr, findings.Diagnostics(), nil)
	}
	return statuses, findings
}

// openQueryWarehouse opens --dsn, or an in-memory DuckDB with the demo
// business loaded and its customers resolved when no DSN is given.
func openQueryWarehouse(ctx context.Context, f queryFlags) (*warehouse.Warehouse, error) {
	opts := warehouse.Options{QueryTimeout: f.timeout}
	if f.dsn != "" {
		return warehouse.Open(ctx, f.dsn, opts)
	}
	w, _, err := withidentity.OpenInMemory(ctx, demo.Config{Seed: 1}, opts)
	if err != nil {
		return nil, fmt.Errorf("load the demo data: %w", err)
	}
	return w, nil
}
