package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/metricsd/metricsd/catalog"
)

// sourcesOptions are the parsed flags of metricsd sources.
type sourcesOptions struct {
	dsn, definitions, format string
	now                      time.Time
}

// runSources prints the source catalog with each source's freshness and
// last load. It exits 1 when a source is in the error state, so scripts and
// cron jobs can alert on stale data.
func runSources(ctx context.Context, s streams, args []string) int {
	opts, code := parseSourcesFlags(s, args)
	if code >= 0 {
		return code
	}
	set, code := loadDefinitions(s, "sources", opts.definitions)
	if set == nil {
		return code
	}
	wh, err := openWarehouse(ctx, opts.dsn, false)
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd sources: %v\n", err)
		return exitFail
	}
	defer wh.Close()

	statuses, err := catalog.Freshness(ctx, wh.DB().DB, wh.Dialect(), set.Sources, opts.now)
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd sources: %v\n", err)
		return exitFail
	}
	if opts.format == "json" {
		err = writeSourcesJSON(s, statuses)
	} else {
		err = writeSourcesTable(s, statuses)
	}
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd sources: %v\n", err)
		return exitFail
	}
	for _, st := range statuses {
		if st.State == catalog.StateError {
			return exitFail
		}
	}
	return exitOK
}

// parseSourcesFlags returns the options, or an exit code (>= 0) when the
// command must stop.
func parseSourcesFlags(s streams, args []string) (sourcesOptions, int) {
	fs := flag.NewFlagSet("sources", flag.ContinueOnError)
	fs.SetOutput(s.stderr)
	fs.Usage = func() {
		fmt.Fprintln(s.stderr, "Usage: metricsd sources --dsn DSN [--definitions DIR] [--format table|json] [--now TIME]")
		fmt.Fprintln(s.stderr, "List every source with its freshness (newest value of its freshness field, age, state) and last load.")
		fmt.Fprintln(s.stderr, "Exit status: 0 no source in the error state, 1 a source is stale or missing or the warehouse failed, 2 usage error.")
		fs.PrintDefaults()
	}
	var opts sourcesOptions
	fs.StringVar(&opts.dsn, "dsn", os.Getenv("METRICSD_DSN"), "warehouse: duckdb:, duckdb:/path/file.duckdb or postgres://... (default $METRICSD_DSN)")
	fs.StringVar(&opts.definitions, "definitions", "definitions", "definitions directory")
	fs.StringVar(&opts.format, "format", "table", "output format: table or json")
	nowFlag := fs.String("now", "", "judge ages as of this RFC 3339 time instead of the current time")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return opts, exitOK
		}
		return opts, exitUsage
	}

	switch {
	case fs.NArg() > 0:
		fmt.Fprintln(s.stderr, "metricsd sources: unexpected arguments; pass the definitions directory with --definitions")
		return opts, exitUsage
	case opts.dsn == "":
		fmt.Fprintln(s.stderr, "metricsd sources: --dsn is required (or set METRICSD_DSN)")
		return opts, exitUsage
	case opts.format != "table" && opts.format != "json":
		fmt.Fprintf(s.stderr, "metricsd sources: invalid --format %q: use table or json\n", opts.format)
		return opts, exitUsage
	}
	opts.now = time.Now()
	if *nowFlag != "" {
		t, err := time.Parse(time.RFC3339, *nowFlag)
		if err != nil {
			fmt.Fprintf(s.stderr, "metricsd sources: invalid --now %q: use RFC 3339, e.g. 2018-11-15T00:00:00Z\n", *nowFlag)
			return opts, exitUsage
		}
		opts.now = t
	}
	return opts, -1
}

func writeSourcesTable(s streams, statuses []catalog.Status) error {
	w := tabwriter.NewWriter(s.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "SOURCE\tSYSTEM\tTRUST\tTABLE\tFIELD\tNEWEST\tAGE\tSTATE\tLAST LOAD\tROWS")
	for _, st := range statuses {
		newest, age := "-", "-"
		if st.Newest != nil {
			newest = st.Newest.UTC().Format("2006-01-02 15:04:05")
			age = formatHours(*st.Age)
		}
		load, rows := "-", "-"
		if len(st.LastLoad) > 0 {
			load = st.LastLoad[0].LoadedAt.Format("2006-01-02 15:04:05Z")
			var n int64
			for _, l := range st.LastLoad {
				n += l.Rows
			}
			rows = fmt.Sprint(n)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", st.Source, dash(st.System), dash(st.Trust), dash(st.Table), dash(st.Field), newest, age, st.State, load, rows)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	for _, st := range statuses {
		if st.Reason != "" {
			fmt.Fprintf(s.stdout, "%s: %s: %s\n", st.Source, st.State, st.Reason)
		}
	}
	return nil
}

// sourceJSON is the JSON shape of one catalog entry; durations are seconds.
type sourceJSON struct {
	Source            string     `json:"source"`
	System            string     `json:"system,omitempty"`
	Owner             string     `json:"owner,omitempty"`
	Refresh           string     `json:"refresh,omitempty"`
	Trust             string     `json:"trust,omitempty"`
	Table             string     `json:"table,omitempty"`
	Field             string     `json:"freshness_field,omitempty"`
	WarnAfterSeconds  int64      `json:"warn_after_seconds,omitempty"`
	ErrorAfterSeconds int64      `json:"error_after_seconds,omitempty"`
	Newest            *time.Time `json:"newest,omitempty"`
	AgeSeconds        *int64     `json:"age_seconds,omitempty"`
	State             string     `json:"state"`
	Reason            string     `json:"reason,omitempty"`
	LastLoad          *loadJSON  `json:"last_load,omitempty"`
}

type loadJSON struct {
	ID       string    `json:"id"`
	LoadedAt time.Time `json:"loaded_at"`
	Files    []string  `json:"files"`
	Rows     int64     `json:"rows"`
}

func writeSourcesJSON(s streams, statuses []catalog.Status) error {
	out := make([]sourceJSON, 0, len(statuses))
	for _, st := range statuses {
		j := sourceJSON{
			Source: st.Source, System: st.System, Owner: st.Owner, Refresh: st.Refresh, Trust: st.Trust,
			Table: st.Table, Field: st.Field, Newest: st.Newest, State: st.State, Reason: st.Reason,
			WarnAfterSeconds: int64(st.WarnAfter.Seconds()), ErrorAfterSeconds: int64(st.ErrorAfter.Seconds()),
		}
		if st.Age != nil {
			secs := int64(st.Age.Seconds())
			j.AgeSeconds = &secs
		}
		if len(st.LastLoad) > 0 {
			l := &loadJSON{ID: st.LastLoad[0].ID, LoadedAt: st.LastLoad[0].LoadedAt}
			for _, e := range st.LastLoad {
				l.Files = append(l.Files, e.File)
				l.Rows += e.Rows
			}
			j.LastLoad = l
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(s.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// formatHours prints an age as days and hours, e.g. "3d4h" or "-1h".
func formatHours(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	h := int64(d.Round(time.Hour) / time.Hour)
	if h >= 24 {
		return fmt.Sprintf("%s%dd%dh", sign, h/24, h%24)
	}
	return fmt.Sprintf("%s%dh", sign, h)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
