package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/query"
)

// runCompile compiles one metric query to SQL for a dialect and prints the
// SQL, its bind parameters and optionally the plan. Exit 0 when it
// compiles, 1 when the definitions or the query are rejected, 2 for a
// wrong command line.
func runCompile(ctx context.Context, s streams, args []string) int {
	fs := flag.NewFlagSet("compile", flag.ContinueOnError)
	fs.SetOutput(s.stderr)
	dir := fs.String("definitions", "definitions", "definitions directory")
	dialect := fs.String("dialect", "duckdb", "SQL dialect: duckdb or postgres")
	metrics := fs.String("metrics", "", "comma-separated metrics, each a name or name@version (required)")
	groupBy := fs.String("group-by", "", "comma-separated group-by names, e.g. customer__region,metric_time__month")
	where := fs.String("where", "", "CEL filter over group-by names, e.g. \"customer__region == 'EMEA'\"")
	timeRange := fs.String("time-range", "", "START,END as dates or local timestamps; either may be empty")
	timeZone := fs.String("time-zone", "", "IANA time zone for buckets and range bounds (default UTC)")
	weekStart := fs.String("week-start", "", "first day of a week bucket: monday (default) to sunday")
	fiscal := fs.Int("fiscal-year-start-month", 0, "first month (1-12) of fiscal quarters and years")
	orderBy := fs.String("order-by", "", "comma-separated names; a leading - sorts descending, e.g. -revenue,customer__region")
	limit := fs.Int("limit", 0, "maximum rows (0: no limit)")
	offset := fs.Int("offset", 0, "rows to skip")
	includeEmpty := fs.Bool("include-empty", false, "list dimension values that have no measure rows")
	showPlan := fs.Bool("plan", false, "print the plan as well")
	format := fs.String("format", "text", "output format: text or json")
	fs.Usage = func() {
		fmt.Fprintln(s.stderr, "Usage: metricsd compile --metrics a,b [--group-by x,y] [--where CEL] [--time-range START,END]")
		fmt.Fprintln(s.stderr, "         [--time-zone TZ] [--order-by -a,x] [--limit N] [--dialect duckdb|postgres] [--plan] [--format text|json]")
		fmt.Fprintln(s.stderr, "Print the SQL and bind parameters of a metric query without running it.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(s.stderr, "metricsd compile: unexpected argument %q; every input is a flag\n", fs.Arg(0))
		return exitUsage
	case *metrics == "":
		fmt.Fprintln(s.stderr, "metricsd compile: --metrics is required, e.g. --metrics booked_revenue")
		return exitUsage
	case *dialect != "duckdb" && *dialect != "postgres":
		fmt.Fprintf(s.stderr, "metricsd compile: invalid --dialect %q: use duckdb or postgres\n", *dialect)
		return exitUsage
	case *format != "text" && *format != "json":
		fmt.Fprintf(s.stderr, "metricsd compile: invalid --format %q: use text or json\n", *format)
		return exitUsage
	}
	q := query.Query{
		Metrics: splitList(*metrics), GroupBy: splitList(*groupBy), Where: *where, TimeZone: *timeZone,
		WeekStart: *weekStart, FiscalYearStartMonth: *fiscal, Limit: *limit, Offset: *offset,
		IncludeEmptyDimensionValues: *includeEmpty,
	}
	for _, o := range splitList(*orderBy) {
		q.OrderBy = append(q.OrderBy, query.ParseOrder(o))
	}
	if *timeRange != "" {
		start, end, ok := strings.Cut(*timeRange, ",")
		if !ok {
			fmt.Fprintf(s.stderr, "metricsd compile: invalid --time-range %q: write START,END (either may be empty)\n", *timeRange)
			return exitUsage
		}
		q.TimeRange = &query.TimeRange{Start: strings.TrimSpace(start), End: strings.TrimSpace(end)}
	}
	return compileAndPrint(s, *dir, *dialect, q, *format, *showPlan)
}

func compileAndPrint(s streams, dir, dialect string, q query.Query, format string, showPlan bool) int {
	if err := checkDir(dir); err != nil {
		fmt.Fprintf(s.stderr, "metricsd compile: %v\n", err)
		return exitUsage
	}
	set, diags, err := load.Dir(dir)
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd compile: %v\n", err)
		return exitUsage
	}
	var m *semantic.Model
	if !diags.HasErrors() {
		var bd diag.List
		m, bd = semantic.Build(set)
		diags = append(diags, bd...)
	}
	if m == nil {
		printDiagnostics(s, format, dir, set.Files, diags.Errors())
		return exitFail
	}
	c, qd := semantic.Compile(m, q, dialect)
	if c == nil {
		printDiagnostics(s, format, dir, set.Files, qd)
		return exitFail
	}
	if format == "json" {
		return writeCompiledJSON(s, c, showPlan)
	}
	writeCompiledText(s, c, showPlan)
	return exitOK
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func writeCompiledText(s streams, c *semantic.Compiled, showPlan bool) {
	fmt.Fprint(s.stdout, c.SQL)
	for i, a := range c.Args {
		fmt.Fprintf(s.stdout, "-- $%d = %s\n", i+1, formatArg(a))
	}
	if showPlan {
		fmt.Fprintln(s.stdout, "-- plan:")
		for _, line := range strings.Split(strings.TrimRight(c.Plan, "\n"), "\n") {
			fmt.Fprintln(s.stdout, "--   "+line)
		}
	}
	for _, w := range c.Warnings {
		fmt.Fprintf(s.stderr, "%s: %s %s\n", w.Pos, w.Code, w.Summary)
	}
}

func formatArg(a any) string {
	if str, ok := a.(string); ok {
		return fmt.Sprintf("%q", str)
	}
	return fmt.Sprintf("%v (%T)", a, a)
}

func writeCompiledJSON(s streams, c *semantic.Compiled, showPlan bool) int {
	out := struct {
		SQL      string            `json:"sql"`
		Args     []any             `json:"args"`
		Columns  []semantic.Column `json:"columns"`
		Plan     string            `json:"plan,omitempty"`
		Warnings diag.List         `json:"warnings,omitempty"`
	}{SQL: c.SQL, Args: c.Args, Columns: c.Columns, Warnings: c.Warnings}
	if out.Args == nil {
		out.Args = []any{}
	}
	if showPlan {
		out.Plan = c.Plan
	}
	enc := json.NewEncoder(s.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(s.stderr, "metricsd compile: write output: %v\n", err)
		return exitFail
	}
	return exitOK
}
