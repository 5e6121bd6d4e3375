package warehouse

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"os"
	"syscall"
	"testing"

	"github.com/lib/pq"
)

// TestClassify covers error shapes the engine tests cannot provoke
// safely, such as a DNS failure, next to the common ones.
func TestClassify(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	cases := []struct {
		name  string
		ctx   context.Context
		err   error
		code  string
		state string
	}{
		{"dns", context.Background(), &net.DNSError{Err: "no such host", Name: "db.example", IsNotFound: true}, CodeUnreachable, ""},
		{"refused", context.Background(), &net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, CodeUnreachable, ""},
		{"reset", context.Background(), syscall.ECONNRESET, CodeUnreachable, ""},
		{"eof", context.Background(), io.ErrUnexpectedEOF, CodeUnreachable, ""},
		{"bad conn", context.Background(), driver.ErrBadConn, CodeUnreachable, ""},
		{"connection failure", context.Background(), &pq.Error{Code: "08006", Message: "connection failure"}, CodeUnreachable, "08006"},
		{"starting up", context.Background(), &pq.Error{Code: "57P03", Message: "the database system is starting up"}, CodeUnreachable, "57P03"},
		{"statement timeout", context.Background(), &pq.Error{Code: "57014", Message: "canceling statement due to statement timeout"}, CodeTimeout, "57014"},
		{"cancel request", context.Background(), &pq.Error{Code: "57014", Message: "canceling statement due to user request"}, CodeCancelled, "57014"},
		{"context cancelled", cancelled, errors.New("interrupted"), CodeCancelled, ""},
		{"deadline", context.Background(), context.DeadlineExceeded, CodeTimeout, ""},
		{"undefined table", context.Background(), &pq.Error{Code: "42P01", Message: `relation "x" does not exist`}, CodeSQL, "42P01"},
		{"duckdb binder error", context.Background(), errors.New("Binder Error: column x not found"), CodeSQL, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := classify(c.ctx, DialectPostgres, c.err)
			if e.Code != c.code {
				t.Errorf("code = %s, want %s", e.Code, c.code)
			}
			if e.SQLState != c.state {
				t.Errorf("SQLSTATE = %q, want %q", e.SQLState, c.state)
			}
			if !errors.Is(e, c.err) {
				t.Errorf("classified error does not wrap %v", c.err)
			}
		})
	}
}
