package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/metricsd/metricsd/semantic/load"
)

// runValidate loads a definitions directory and prints its diagnostics.
// NOTE: only loader diagnostics so far; the validator rules plug in here.
func runValidate(ctx context.Context, s streams, args []string) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(s.stderr)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	dir := "definitions"
	if fs.NArg() > 1 {
		fmt.Fprintln(s.stderr, "metricsd validate: at most one directory")
		return exitUsage
	}
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	set, diags, err := load.Dir(dir)
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd validate: %v\n", err)
		return exitUsage
	}
	diags.Sort()
	for _, d := range diags {
		fmt.Fprintf(s.stdout, "%s: %s %s\n", d.Pos, d.Code, d.Summary)
	}
	if diags.HasErrors() {
		return exitFail
	}
	fmt.Fprintf(s.stdout, "%s: %d metrics, %d semantic models, %d sources: valid\n", dir, len(set.Metrics), len(set.SemanticModels), len(set.Sources))
	return exitOK
}
