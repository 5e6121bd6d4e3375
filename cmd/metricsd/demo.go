package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/metricsd/metricsd/demo"
	"github.com/metricsd/metricsd/demo/withidentity"
	"github.com/metricsd/metricsd/warehouse"
)

// runDemo generates the demo business and loads it into a warehouse, writes
// it as CSV files, or both. A load also resolves the demo's customers into
// identity_map, which the reference definitions join through.
func runDemo(ctx context.Context, s streams, args []string) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(s.stderr)
	dsn := fs.String("dsn", "", `warehouse to load: "duckdb:/path/file.duckdb" or "postgres://..."`)
	out := fs.String("out", "", "directory to write one CSV file per table into")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same data")
	scale := fs.Int("scale", 1, "volume multiplier: 1 is about 139,000 rows, 80 about 10.6 million")
	end := fs.String("end", "", "last day of data as YYYY-MM-DD (default "+demo.DefaultEnd.Format(time.DateOnly)+"); moved back to the same weekday as the default")
	current := fs.Bool("current", false, "end the data today (UTC), so freshness checks see recent data")
	replace := fs.Bool("replace", false, "drop existing tables named like the demo tables (ad_spend, leads, ...) and the identity tables (identity_map, ...) before loading")
	fs.Usage = func() {
		fmt.Fprintln(s.stderr, "Usage: metricsd demo [--dsn DSN [--replace]] [--out DIR] [--seed N] [--scale N] [--end YYYY-MM-DD | --current]")
		fmt.Fprintln(s.stderr, "Generate the demo lead-buying business and load it, write it as CSV, or both.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 || (*dsn == "" && *out == "") {
		fmt.Fprintln(s.stderr, "metricsd demo: give --dsn to load a warehouse, --out to write CSV files, or both")
		return exitUsage
	}
	cfg := demo.Config{Seed: *seed, Scale: *scale}
	switch {
	case *current && *end != "":
		fmt.Fprintln(s.stderr, "metricsd demo: --end and --current exclude each other")
		return exitUsage
	case *current:
		cfg.End = time.Now().UTC()
	case *end != "":
		t, err := time.Parse(time.DateOnly, *end)
		if err != nil {
			fmt.Fprintf(s.stderr, "metricsd demo: invalid --end %q: use YYYY-MM-DD\n", *end)
			return exitUsage
		}
		cfg.End = t
	}
	if *scale < 1 {
		fmt.Fprintf(s.stderr, "metricsd demo: invalid --scale %d: use 1 or more\n", *scale)
		return exitUsage
	}

	if *out != "" {
		if code := writeDemoCSV(s, cfg, *out); code != exitOK {
			return code
		}
	}
	if *dsn != "" {
		return loadDemo(ctx, s, cfg, *dsn, demo.LoadOptions{Replace: *replace})
	}
	return exitOK
}

func writeDemoCSV(s streams, cfg demo.Config, dir string) int {
	start := time.Now()
	sink, err := demo.NewCSVSink(dir)
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd demo: %v\n", err)
		return exitFail
	}
	stats, err := demo.Generate(cfg, sink)
	if cerr := sink.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd demo: write CSV to %s: %v\n", dir, err)
		return exitFail
	}
	printDemoStats(s, "wrote CSV to "+dir, stats, time.Since(start))
	return exitOK
}

func loadDemo(ctx context.Context, s streams, cfg demo.Config, dsn string, opts demo.LoadOptions) int {
	// Loading needs no statement timeout; a large scale takes minutes.
	w, err := warehouse.Open(ctx, dsn, warehouse.Options{QueryTimeout: -1, MaxOpenConns: len(demo.Tables) + 1})
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd demo: %v\n", err)
		return exitFail
	}
	defer w.Close()
	if err := w.Ping(ctx); err != nil {
		fmt.Fprintf(s.stderr, "metricsd demo: %v\n", err)
		return exitFail
	}
	start := time.Now()
	stats, report, err := withidentity.Load(ctx, w, cfg, opts)
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd demo: %v\n", err)
		return exitFail
	}
	printDemoStats(s, "loaded "+w.Dialect(), stats, time.Since(start))
	st := report.Result.Stats
	fmt.Fprintf(s.stdout, "identity run %d: %d records resolved into %d customers (identity_map)\n", report.Run, st.Records, st.Customers)
	return exitOK
}

func printDemoStats(s streams, what string, stats demo.Stats, elapsed time.Duration) {
	tw := tabwriter.NewWriter(s.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, t := range demo.Tables {
		fmt.Fprintf(tw, "%s\t%d\t\n", t.Name, stats[t.Name])
	}
	tw.Flush()
	total := stats.Total()
	fmt.Fprintf(s.stdout, "%s: %d rows in %s (%.0f rows/s)\n", what, total, elapsed.Round(time.Millisecond), float64(total)/elapsed.Seconds())
}
