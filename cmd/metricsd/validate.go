package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/metricsd/metricsd/identity"
	"github.com/metricsd/metricsd/semantic"
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/semantic/validate"
)

// runValidate loads and validates a definitions directory and prints the
// diagnostics. Exit 0 when valid (warnings allowed unless --strict), 1 with
// errors, 2 when the command line or the directory is wrong.
func runValidate(ctx context.Context, s streams, args []string) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(s.stderr)
	format := fs.String("format", "text", "output format: text or json")
	strict := fs.Bool("strict", false, "exit with status 1 when there are warnings, not only errors")
	fs.Usage = func() {
		fmt.Fprintln(s.stderr, "Usage: metricsd validate [--format text|json] [--strict] [DIR]")
		fmt.Fprintln(s.stderr, "Check every *.yml and *.yaml file under DIR (default: definitions).")
		fmt.Fprintln(s.stderr, "Exit status: 0 valid, 1 errors (or warnings with --strict), 2 usage error.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(s.stderr, "metricsd validate: invalid --format %q: use text or json\n", *format)
		return exitUsage
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(s.stderr, "metricsd validate: expected at most one directory, got %d arguments\n", fs.NArg())
		return exitUsage
	}
	dir := "definitions"
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	if err := checkDir(dir); err != nil {
		fmt.Fprintf(s.stderr, "metricsd validate: %v\n", err)
		return exitUsage
	}

	set, loadDiags, err := load.Dir(dir)
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd validate: %v\n", err)
		return exitUsage
	}
	diags := validate.Loaded(set, loadDiags)
	if !diags.HasErrors() {
		diags = append(diags, compileDiagnostics(set, diags)...)
	}
	if err := printDiagnostics(s, *format, dir, set.Files, diags); err != nil {
		fmt.Fprintf(s.stderr, "metricsd validate: write output: %v\n", err)
		return exitFail
	}

	errs := len(diags.Errors())
	warns := len(diags) - errs
	if *format == "text" {
		fmt.Fprintf(s.stderr, "%s: %d metrics, %d semantic models, %d sources: %s, %s\n",
			dir, len(set.Metrics), len(set.SemanticModels), len(set.Sources), plural(errs, "error"), plural(warns, "warning"))
	}
	if errs > 0 || (*strict && warns > 0) {
		return exitFail
	}
	return exitOK
}

// compileDiagnostics runs the stages after validation (the engine's resolve
// and the identity definitions) and returns the diagnostics that validation
// did not already report, so a set that validate accepts is one that query,
// compile and serve accept too.
func compileDiagnostics(set *model.Set, seen diag.List) diag.List {
	_, built := semantic.Build(set)
	for _, id := range set.Identities {
		_, _, idDiags := identity.FromModel(set, id)
		built = append(built, idDiags...)
	}
	known := make(map[diagID]bool, len(seen))
	for _, d := range seen {
		known[diagKey(d)] = true
	}
	var out diag.List
	for _, d := range built {
		if !known[diagKey(d)] {
			known[diagKey(d)] = true
			out = append(out, d)
		}
	}
	out.Sort()
	return out
}

// diagID identifies a diagnostic by code, position and summary.
type diagID struct {
	code    diag.Code
	pos     diag.Pos
	summary string
}

func diagKey(d diag.Diagnostic) diagID { return diagID{d.Code, d.Pos, d.Summary} }

// checkDir turns a missing or non-directory path into a usage error before
// loading, so a typo in DIR is not reported as "0 metrics: valid".
func checkDir(dir string) error {
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("definitions directory %q does not exist", dir)
	}
	if err != nil {
		return fmt.Errorf("read definitions directory %q: %w", dir, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("%q is not a directory", dir)
	}
	return nil
}

// printDiagnostics writes diags with file paths joined to dir, so editors
// and CI annotations run from the working directory find the files.
func printDiagnostics(s streams, format, dir string, files []model.File, diags diag.List) error {
	out := make(diag.List, len(diags))
	for i, d := range diags {
		if d.Pos.File != "" {
			d.Pos.File = filepath.ToSlash(filepath.Join(dir, d.Pos.File))
		}
		out[i] = d
	}
	if format == "json" {
		return diag.WriteJSON(s.stdout, out)
	}
	contents := make(map[string][]byte, len(files))
	for _, f := range files {
		contents[filepath.ToSlash(filepath.Join(dir, f.Path))] = f.Data
	}
	return diag.WriteText(s.stdout, out, contents)
}
