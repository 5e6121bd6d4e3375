package guard

import (
	"testing"

	"github.com/cockroachdb/apd/v3"

	"github.com/metricsd/metricsd/semantic/diag"
)

func TestResultGuardValuePerRow(t *testing.T) {
	m, set := buildModel(t)
	statuses := loadStatuses(t, set, freshSpend)

	big, _, _ := apd.NewFromString("250.00")
	small, _, _ := apd.NewFromString("99.99")
	got := CheckResult(t.Context(), m, "spend", []any{small, nil, big, int64(101)}, statuses, now)
	if len(got) != 1 {
		t.Fatalf("findings = %+v, want one", got)
	}
	f := got[0]
	if f.Code != diag.GuardWarning || f.Message != "a row has more than 100 of spend" || f.Detail != "holds for 2 of 3 rows with a value" {
		t.Errorf("finding = %+v", f)
	}

	if got := CheckResult(t.Context(), m, "spend", []any{small}, statuses, now); len(got) != 0 {
		t.Errorf("findings for 99.99 = %+v, want none", got)
	}
}

func TestResultGuardRows(t *testing.T) {
	m, set := buildModel(t)
	statuses := loadStatuses(t, set, freshSpend)

	got := CheckResult(t.Context(), m, "leads@1", nil, statuses, now)
	if len(got) != 1 || got[0].Message != "no leads in the result" || got[0].Metric != "leads@1" {
		t.Fatalf("findings for an empty result = %+v, want the rows guard", got)
	}
	if got := CheckResult(t.Context(), m, "leads", []any{int64(4)}, statuses, now); len(got) != 0 {
		t.Errorf("findings for one row = %+v, want none", got)
	}
	// A total over no data is one row whose value is NULL: it has no row
	// with a value, so the rows guard fires.
	if got := CheckResult(t.Context(), m, "leads", []any{nil}, statuses, now); len(got) != 1 {
		t.Errorf("findings for one NULL row = %+v, want the rows guard", got)
	}
	if got := CheckResult(t.Context(), m, "no_such_metric", nil, statuses, now); got != nil {
		t.Errorf("findings for an unknown metric = %+v, want nil", got)
	}
}
