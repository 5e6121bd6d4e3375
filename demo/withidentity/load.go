package withidentity

import (
	"context"
	"fmt"
	"strings"

	"github.com/metricsd/metricsd/demo"
	"github.com/metricsd/metricsd/identity"
	"github.com/metricsd/metricsd/warehouse"
)

// Load is demo.Load followed by Resolve. The identity tables are derived
// from the demo tables, so they follow opts the same way: without Replace,
// Load fails before writing anything when any of them exists; with Replace
// it drops them, because identities resolved from other data would make
// the first run on the new data fail its churn check.
func Load(ctx context.Context, w *warehouse.Warehouse, cfg demo.Config, opts demo.LoadOptions) (demo.Stats, *identity.RunReport, error) {
	if err := clearIdentityTables(ctx, w, opts.Replace); err != nil {
		return nil, nil, err
	}
	stats, err := demo.Load(ctx, w, cfg, opts)
	if err != nil {
		return stats, nil, err
	}
	report, err := Resolve(ctx, w)
	return stats, report, err
}

// OpenInMemory opens an in-memory DuckDB warehouse with opts, loads the
// demo business for cfg and resolves its customers: the warehouse that
// `metricsd query` and `metricsd serve` use when given no DSN.
func OpenInMemory(ctx context.Context, cfg demo.Config, opts warehouse.Options) (*warehouse.Warehouse, demo.Stats, error) {
	w, err := warehouse.Open(ctx, "duckdb:", opts)
	if err != nil {
		return nil, nil, err
	}
	stats, _, err := Load(ctx, w, cfg, demo.LoadOptions{})
	if err != nil {
		w.Close()
		return nil, nil, err
	}
	return w, stats, nil
}

// Resolve runs identity resolution for Definitions over the demo tables in
// w and stores the run in the identity tables, creating them when needed.
func Resolve(ctx context.Context, w *warehouse.Warehouse) (*identity.RunReport, error) {
	set, err := definitionSet()
	if err != nil {
		return nil, err
	}
	report, diags, err := identity.ResolveDefinitions(ctx, w.DB().DB, w.Dialect(), set, identity.ResolveOptions{})
	if err == nil && diags.HasErrors() {
		err = diags.Err()
	}
	if err != nil {
		return report, fmt.Errorf("resolve the demo customers: %w", err)
	}
	return report, nil
}

// clearIdentityTables drops the identity tables of the current schema when
// replace is set, and otherwise fails when any of them exists.
func clearIdentityTables(ctx context.Context, w *warehouse.Warehouse, replace bool) error {
	var existing []string
	for _, name := range identity.Tables() {
		if replace {
			// name comes from the fixed list of identity tables.
			if _, err := w.DB().ExecContext(ctx, "DROP TABLE IF EXISTS "+name); err != nil {
				return fmt.Errorf("demo load: drop %s: %w", name, err)
			}
			continue
		}
		res, err := w.Query(ctx, `SELECT COUNT(*) FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_name = $1`, []any{name})
		if err != nil {
			return fmt.Errorf("demo load: check for table %s: %w", name, err)
		}
		if res.Rows[0][0] != int64(0) {
			existing = append(existing, name)
		}
	}
	if len(existing) > 0 {
		return fmt.Errorf("demo load: identity tables %s already exist; replace them only if they were resolved from demo data (metricsd demo --replace)", strings.Join(existing, ", "))
	}
	return nil
}
