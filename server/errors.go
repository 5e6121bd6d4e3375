package server

import (
	"errors"

	"github.com/metricsd/metricsd/server/api"
	"github.com/metricsd/metricsd/warehouse"
)

// warehouseError maps a warehouse failure to a service error. The message
// states what happened and whether to retry. The driver's text, which may
// quote SQL, stays in Err for the log.
func warehouseError(err error) *api.Error {
	var we *warehouse.Error
	if !errors.As(err, &we) {
		return &api.Error{Code: api.CodeInternal, Message: "internal error", Err: err}
	}
	switch we.Code {
	case warehouse.CodeUnreachable:
		return &api.Error{Code: api.CodeWarehouseUnreachable, Message: "the warehouse is not reachable; retry later", Err: err}
	case warehouse.CodeTimeout:
		return &api.Error{Code: api.CodeWarehouseTimeout, Message: "the query ran past the warehouse time limit; narrow the time range or group by fewer dimensions", Err: err}
	case warehouse.CodeCancelled:
		return &api.Error{Code: api.CodeCancelled, Message: "the request was cancelled", Err: err}
	}
	msg := "the warehouse failed to run the compiled query"
	if we.SQLState != "" {
		msg += " (SQLSTATE " + we.SQLState + ")"
	}
	return &api.Error{Code: api.CodeWarehouseError, Message: msg + "; the server log has the details", Err: err}
}
