package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/metricsd/metricsd/identity"
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/load"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/warehouse"
)

// maxListed caps the blocked values, quarantined values and conflicts
// printed by identity resolve; the full lists are in the warehouse.
const maxListed = 20

// runIdentity dispatches the identity subcommands.
func runIdentity(ctx context.Context, s streams, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(s.stderr, "Usage: metricsd identity resolve --dsn DSN --definitions DIR [--identity NAME] [--force] [--max-churn SHARE]")
		fmt.Fprintln(s.stderr, "       metricsd identity explain --dsn DSN <source>:<key> | <customer_id>")
		fmt.Fprintln(s.stderr, "Run 'metricsd identity resolve -h' for every flag.")
		return exitUsage
	}
	switch args[0] {
	case "resolve":
		return runIdentityResolve(ctx, s, args[1:])
	case "explain":
		return runIdentityExplain(ctx, s, args[1:])
	}
	fmt.Fprintf(s.stderr, "metricsd identity: unknown subcommand %q: use resolve or explain\n", args[0])
	return exitUsage
}

func runIdentityResolve(ctx context.Context, s streams, args []string) int {
	fs := flag.NewFlagSet("identity resolve", flag.ContinueOnError)
	fs.SetOutput(s.stderr)
	dsn := fs.String("dsn", "", `warehouse: "duckdb:" (in memory), "duckdb:/path/file.duckdb" or "postgres://..."`)
	dir := fs.String("definitions", "definitions", "definitions directory")
	var opts identity.ResolveOptions
	fs.StringVar(&opts.Identity, "identity", "", "identity definition to resolve (default: the only one)")
	fs.BoolVar(&opts.Run.Force, "force", false, "store the run even when more records change customer than --max-churn allows")
	fs.Float64Var(&opts.Run.MaxChurn, "max-churn", identity.DefaultMaxChurn, "share (0-1) of earlier records that may change customer")
	fs.IntVar(&opts.Run.MinChurnRecords, "min-churn-records", identity.DefaultMinChurnRecords, "changed records below which --max-churn is not checked")
	fs.IntVar(&opts.MaxRecordsPerValue, "max-records-per-value", identity.DefaultMaxRecordsPerValue, "quarantine a value carried by more records (negative: off)")
	fs.IntVar(&opts.MaxStrongPerValue, "max-strong-per-value", identity.DefaultMaxStrongPerValue, "quarantine a value whose records carry more distinct external ids (negative: off)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *dsn == "" || fs.NArg() > 0 {
		fmt.Fprintln(s.stderr, "metricsd identity resolve: --dsn is required and no arguments are taken")
		return exitUsage
	}

	set, diags, err := load.Dir(*dir)
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd identity resolve: %v\n", err)
		return exitUsage
	}
	if writeDiagnostics(s.stderr, set, diags) {
		return exitFail
	}

	w, err := openIdentityWarehouse(ctx, *dsn)
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd identity resolve: %v\n", err)
		return exitUsage
	}
	defer w.Close()

	report, diags, err := identity.ResolveDefinitions(ctx, w.DB().DB, w.Dialect(), set, opts)
	if writeDiagnostics(s.stderr, set, diags) {
		return exitFail
	}
	var churn *identity.ChurnError
	if report != nil && (err == nil || errors.As(err, &churn)) {
		printRunReport(s.stdout, report)
	}
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd identity resolve: %v\n", err)
		return exitFail
	}
	return exitOK
}

func runIdentityExplain(ctx context.Context, s streams, args []string) int {
	fs := flag.NewFlagSet("identity explain", flag.ContinueOnError)
	fs.SetOutput(s.stderr)
	dsn := fs.String("dsn", "", `warehouse: "duckdb:/path/file.duckdb" or "postgres://..."`)
	limit := fs.Int("limit", 50, "records listed for a customer id")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	arg := fs.Arg(0)
	ref, isRecord := identity.ParseRecordRef(arg)
	isCustomer := !isRecord && strings.HasPrefix(arg, "cus_")
	if *dsn == "" || fs.NArg() != 1 || !isRecord && !isCustomer {
		fmt.Fprintln(s.stderr, "Usage: metricsd identity explain --dsn DSN <source>:<key>")
		fmt.Fprintln(s.stderr, "       metricsd identity explain --dsn DSN [--limit N] <customer_id>")
		return exitUsage
	}

	w, err := openIdentityWarehouse(ctx, *dsn)
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd identity explain: %v\n", err)
		return exitUsage
	}
	defer w.Close()

	if isCustomer {
		c, err := identity.ExplainCustomer(ctx, w.DB(), arg, *limit)
		if err != nil {
			fmt.Fprintf(s.stderr, "metricsd identity explain: %v\n", err)
			return exitFail
		}
		printCustomer(s.stdout, c)
		return exitOK
	}
	e, err := identity.Explain(ctx, w.DB(), ref)
	if err != nil {
		fmt.Fprintf(s.stderr, "metricsd identity explain: %v\n", err)
		return exitFail
	}
	printExplanation(s.stdout, e)
	return exitOK
}

// openIdentityWarehouse opens dsn without a query timeout, because a resolution
// run writes the whole identity map in one transaction and may take longer
// than the serving default.
func openIdentityWarehouse(ctx context.Context, dsn string) (*warehouse.Warehouse, error) {
	return warehouse.Open(ctx, dsn, warehouse.Options{QueryTimeout: -1})
}

// writeDiagnostics prints diagnostics with their source lines and reports
// whether any is an error.
func writeDiagnostics(w io.Writer, set *model.Set, diags diag.List) bool {
	diags.Sort()
	contents := map[string][]byte{}
	if set != nil {
		for _, f := range set.Files {
			contents[f.Path] = f.Data
		}
	}
	diag.WriteText(w, diags, contents)
	return diags.HasErrors()
}

func printRunReport(w io.Writer, r *identity.RunReport) {
	st, c := r.Result.Stats, r.Assignment.Changes
	fmt.Fprintf(w, "identity run %d: %s\n", r.Run, r.Status)
	fmt.Fprintf(w, "  records      %d\n", st.Records)
	fmt.Fprintf(w, "  identifiers  %d distinct values, %d shared by two or more records\n", st.Identifiers, st.SharedValues)
	fmt.Fprintf(w, "  customers    %d\n", st.Customers)
	fmt.Fprintf(w, "  links        %s\n", countsByName(st.LinksByType))
	fmt.Fprintf(w, "  invalid      %s\n", countsByName(r.Invalid))
	fmt.Fprintf(w, "  changes      new %d, merged %d, split %d, moved %d, retired %d, removed %d\n",
		c.New, c.Merged, c.Split, c.Moved, c.Retired, c.Removed)
	fmt.Fprintf(w, "  churn        %d of %d earlier records changed customer (%.1f%%)\n", c.Churned, c.PriorRecords, 100*c.Churn())
	printValueCounts(w, "blocked", r.Blocked)
	printValueCounts(w, "quarantined", r.Result.Quarantined)
	fmt.Fprintf(w, "  conflicts    %d\n", len(r.Result.Conflicts))
	for i, k := range r.Result.Conflicts {
		if i == maxListed {
			fmt.Fprintf(w, "    ... %d more in identity_conflicts\n", len(r.Result.Conflicts)-maxListed)
			break
		}
		via := ""
		if k.Type != "" {
			via = fmt.Sprintf(" via %s %s", k.Type, k.Value)
		}
		fmt.Fprintf(w, "    %s %s – %s%s: %s\n", k.Rule, k.A, k.B, via, k.Detail)
	}
}

func printValueCounts(w io.Writer, title string, values []identity.ValueCount) {
	fmt.Fprintf(w, "  %-12s %s\n", title, plural(len(values), "value"))
	for i, v := range values {
		if i == maxListed {
			fmt.Fprintf(w, "    ... %d more in identity_blocked\n", len(values)-maxListed)
			return
		}
		detail := v.Reason
		if v.Detail != "" {
			detail += " (" + v.Detail + ")"
		}
		fmt.Fprintf(w, "    %-16s %-32q %6d records  %s\n", v.Type, v.Value, v.Records, detail)
	}
}

// plural returns "1 value" or "n values".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// countsByName formats counts as "a 3, b 1", sorted by name; "none" when
// empty.
func countsByName(m map[string]int) string {
	if len(m) == 0 {
		return "none"
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s %d", n, m[n])
	}
	return strings.Join(parts, ", ")
}

func printExplanation(w io.Writer, e *identity.Explanation) {
	fmt.Fprintf(w, "record     %s\n", e.Record)
	fmt.Fprintf(w, "customer   %s (%d records)\n", e.CustomerID, e.Members)
	if len(e.Aliases) > 0 {
		fmt.Fprintf(w, "aliases    %s\n", strings.Join(e.Aliases, ", "))
	}
	if e.SplitFrom != "" {
		fmt.Fprintf(w, "split from %s\n", e.SplitFrom)
	}
	fmt.Fprintf(w, "anchor     %s\n", e.Anchor)
	if len(e.Path) == 0 {
		fmt.Fprintln(w, "path       none: the record is the anchor")
		return
	}
	fmt.Fprintln(w, "path")
	for _, st := range e.Path {
		what := st.Type + " " + st.Value
		if st.Rule == identity.RuleMustLink {
			what = "must-link override: " + st.Value
		}
		fmt.Fprintf(w, "  %s -> %s  %s\n", st.From, st.To, what)
	}
}

func printCustomer(w io.Writer, c *identity.CustomerInfo) {
	if c.Requested != c.ID {
		fmt.Fprintf(w, "alias      %s merged into %s\n", c.Requested, c.ID)
	}
	fmt.Fprintf(w, "customer   %s (%s, issued in run %d, %d records)\n", c.ID, c.Status, c.IssuedRun, c.Count)
	if len(c.Aliases) > 0 {
		fmt.Fprintf(w, "aliases    %s\n", strings.Join(c.Aliases, ", "))
	}
	if c.SplitFrom != "" {
		fmt.Fprintf(w, "split from %s\n", c.SplitFrom)
	}
	fmt.Fprintf(w, "anchor     %s\n", c.Anchor)
	fmt.Fprintln(w, "records")
	for _, m := range c.Members {
		fmt.Fprintf(w, "  %s\n", m)
	}
	if more := c.Count - len(c.Members); more > 0 {
		fmt.Fprintf(w, "  ... %d more\n", more)
	}
}
