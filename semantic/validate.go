package semantic

import (
	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
	"github.com/metricsd/metricsd/semantic/validate"
)

// validateSet runs every definition rule.
func validateSet(set *model.Set) diag.List { return validate.Set(set) }
