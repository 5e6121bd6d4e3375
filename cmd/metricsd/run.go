package main

import (
	"context"
	"fmt"
	"io"
	"sort"
)

// Exit codes shared by every command.
const (
	exitOK    = 0
	exitFail  = 1 // the command ran and found problems (invalid definitions, a failed query)
	exitUsage = 2 // the command line itself is wrong
)

// streams are the standard streams a command reads and writes.
type streams struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

type command struct {
	summary string
	run     func(ctx context.Context, s streams, args []string) int
}

// commands lists every subcommand. Each lives in its own file.
var commands = map[string]command{
	"serve":    {"serve GraphQL, spreadsheet and ops endpoints over HTTP", runServe},
	"validate": {"check a definitions directory and print diagnostics", runValidate},
	"compile":  {"print the SQL and bind parameters of a metric query", runCompile},
	"identity": {"resolve records into customers (resolve) and show why records were linked (explain)", runIdentity},
	"sources":  {"list sources with their freshness and last load", runSources},
	"ingest":   {"load CSV and NDJSON files into the warehouse per the source definitions", runIngest},
	"demo":     {"generate the demo business and load it or write it as CSV", runDemo},
	"query":    {"run a metric query and print a table, CSV or JSON", runQuery},
}

// run is the whole CLI: main only wires the process streams to it, so tests
// call it directly.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	s := streams{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "metricsd: unknown command %q\n\n", args[0])
		usage(stderr)
		return exitUsage
	}
	return cmd.run(ctx, s, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "metricsd: a semantic metrics layer server")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: metricsd <command> [flags] [args]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-10s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'metricsd <command> -h' for a command's flags.")
}
