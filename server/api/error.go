package api

import (
	"errors"
	"fmt"

	"github.com/metricsd/metricsd/semantic/diag"
)

// Error codes that are not diagnostic codes. Diagnostic codes (UNKNOWN_METRIC,
// CEL_TYPE, ...) pass through unchanged.
const (
	CodeNotLoaded            = "DEFINITIONS_NOT_LOADED"
	CodeInvalidInput         = "INVALID_INPUT"
	CodeNotFound             = "NOT_FOUND"
	CodeMethodNotAllowed     = "METHOD_NOT_ALLOWED"
	CodeWarehouseUnreachable = "WAREHOUSE_UNREACHABLE"
	CodeWarehouseTimeout     = "WAREHOUSE_TIMEOUT"
	CodeWarehouseError       = "WAREHOUSE_ERROR"
	CodeCancelled            = "CANCELLED"
	CodeInternal             = "INTERNAL"
)

// Error is every failure a Service returns. Code is stable and is what
// clients match on; Message is for people and never contains SQL or driver
// text (those go to the server log through Err).
type Error struct {
	Code        string
	Message     string
	Diagnostics diag.List // the query's diagnostics, errors first
	Err         error     // the underlying cause, for logs only
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

func (e *Error) Unwrap() error { return e.Err }

// AsError returns err as an *Error, wrapping anything else as INTERNAL with a
// generic message.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: CodeInternal, Message: "internal error", Err: err}
}

// DiagError builds an Error from a diagnostic list that holds errors. The
// first error gives the code and message.
func DiagError(l diag.List) *Error {
	errs := l.Errors()
	if len(errs) == 0 {
		return &Error{Code: CodeInternal, Message: "internal error: an empty diagnostic list was reported as a failure"}
	}
	first := errs[0]
	return &Error{Code: string(first.Code), Message: first.Summary, Diagnostics: errs}
}
