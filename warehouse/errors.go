package warehouse

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/lib/pq"
)

// Error codes. They are part of the API: clients and the GraphQL layer match
// on them, so they are never renamed.
const (
	// CodeUnreachable: the warehouse could not be reached or the connection
	// was lost (refused, DNS failure, closed by the server).
	CodeUnreachable = "UNREACHABLE"
	// CodeTimeout: the query ran past its deadline or statement_timeout.
	CodeTimeout = "TIMEOUT"
	// CodeCancelled: the caller cancelled the context.
	CodeCancelled = "CANCELLED"
	// CodeSQL: the warehouse rejected or failed the statement.
	CodeSQL = "SQL_ERROR"
)

// Error is every error a Warehouse returns from Ping and Query.
type Error struct {
	Code string
	// SQLState is the five-character PostgreSQL SQLSTATE; DuckDB reports
	// none, so it stays empty there.
	SQLState string
	Dialect  string
	Err      error
}

func (e *Error) Error() string {
	if e.SQLState != "" {
		return fmt.Sprintf("warehouse %s (%s, SQLSTATE %s): %v", strings.ToLower(e.Code), e.Dialect, e.SQLState, e.Err)
	}
	return fmt.Sprintf("warehouse %s (%s): %v", strings.ToLower(e.Code), e.Dialect, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// PostgreSQL SQLSTATEs that change the classification.
const (
	stateQueryCanceled = "57014" // statement_timeout and cancel requests alike
	stateAdminShutdown = "57P01" // pg_terminate_backend, server shutdown
	stateCrashShutdown = "57P02"
	stateCannotConnect = "57P03" // the server is starting or shutting down
)

// classify wraps err in an *Error. ctx decides between TIMEOUT and
// CANCELLED first, because the drivers report both as a cancelled
// statement.
func classify(ctx context.Context, dialect string, err error) *Error {
	var we *Error
	if errors.As(err, &we) {
		return we
	}
	e := &Error{Dialect: dialect, Err: err}
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		e.SQLState = string(pqErr.Code)
	}
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded):
		e.Code = CodeTimeout
	case errors.Is(ctx.Err(), context.Canceled) || errors.Is(err, context.Canceled):
		e.Code = CodeCancelled
	case e.SQLState == stateQueryCanceled:
		e.Code = CodeCancelled
		if strings.Contains(pqErr.Message, "statement timeout") {
			e.Code = CodeTimeout
		}
	case isConnectionLoss(err, e.SQLState):
		e.Code = CodeUnreachable
		if errors.Is(err, driver.ErrBadConn) {
			// lib/pq reports a FATAL server error (such as 57P01 from
			// pg_terminate_backend) as ErrBadConn and drops the SQLSTATE.
			e.Err = fmt.Errorf("connection closed by the server or the network: %w", err)
		}
	default:
		e.Code = CodeSQL
	}
	return e
}

// isConnectionLoss reports whether err means the server is gone rather than
// that it rejected the statement.
func isConnectionLoss(err error, sqlState string) bool {
	if strings.HasPrefix(sqlState, "08") { // connection_exception class
		return true
	}
	switch sqlState {
	case stateAdminShutdown, stateCrashShutdown, stateCannotConnect:
		return true
	}
	var netErr net.Error
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case errors.As(err, &dnsErr), errors.As(err, &opErr), errors.As(err, &netErr):
		return true
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return true
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return true
	}
	return false
}
