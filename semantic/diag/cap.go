package diag

import "fmt"

// SortAndCap sorts the list by position and, when it holds more than max
// diagnostics, keeps the first max and appends one TOO_MANY_DIAGNOSTICS
// diagnostic that counts the rest. It is an error when any dropped
// diagnostic was one, so capping never turns a failing list into a passing
// one. A max of zero or less keeps everything.
func (l *List) SortAndCap(max int) {
	l.Sort()
	if max <= 0 || len(*l) <= max {
		return
	}
	dropped := (*l)[max:]
	sev := Warning
	if dropped.HasErrors() {
		sev = Error
	}
	errs := len(dropped.Errors())
	*l = append((*l)[:max:max], Diagnostic{
		Severity: sev,
		Code:     TooManyDiagnostics,
		Summary:  fmt.Sprintf("%d more diagnostics not shown (%d errors, %d warnings)", len(dropped), errs, len(dropped)-errs),
		Detail:   fmt.Sprintf("only the first %d diagnostics are listed; fix those and run again", max),
	})
}
