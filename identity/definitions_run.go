package identity

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

// ResolveOptions control ResolveDefinitions.
type ResolveOptions struct {
	// Identity names the identity definition to resolve; empty picks the
	// only one.
	Identity           string
	MaxRecordsPerValue int // see Config
	MaxStrongPerValue  int // see Config
	Run                RunOptions
}

// ResolveDefinitions runs identity resolution for an identity of set: it
// reads the carriers' records from the warehouse, normalizes them and
// stores the run. Invalid definitions come back as diagnostics with no run.
func ResolveDefinitions(ctx context.Context, db *sql.DB, dialect string, set *model.Set, opts ResolveOptions) (*RunReport, diag.List, error) {
	id, err := pickIdentity(set, opts.Identity)
	if err != nil {
		return nil, nil, err
	}
	cfg, carriers, diags := FromModel(set, id)
	if diags.HasErrors() {
		return nil, diags, nil
	}
	cfg.MaxRecordsPerValue, cfg.MaxStrongPerValue = opts.MaxRecordsPerValue, opts.MaxStrongPerValue
	raws, err := Extract(ctx, db, carriers)
	if err != nil {
		return nil, diags, err
	}
	recs, norm, err := Normalize(raws, cfg)
	if err != nil {
		return nil, diags, err
	}
	report, err := Run(ctx, db, dialect, Input{Records: recs, Normalize: norm}, cfg, opts.Run)
	return report, diags, err
}

func pickIdentity(set *model.Set, name string) (*model.Identity, error) {
	var names []string
	for _, id := range set.Identities {
		if id.Name == name || name == "" && len(set.Identities) == 1 {
			return id, nil
		}
		names = append(names, id.Name)
	}
	switch {
	case len(names) == 0:
		return nil, fmt.Errorf("the definitions declare no identity: add an identities entry with identifiers and carriers")
	case name == "":
		return nil, fmt.Errorf("the definitions declare %d identities (%s): name one", len(names), strings.Join(names, ", "))
	}
	return nil, fmt.Errorf("identity %q is not defined; defined: %s", name, strings.Join(names, ", "))
}
