package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/server/api"
)

func TestPresentErrorServiceError(t *testing.T) {
	var l diag.List
	l.Add(diag.UnknownMetric, diag.Pos{File: "query", Line: 1, Col: 1}, "unknown metric %q", "leadz").
		WithSuggestions([]string{"leads"})
	present := presentError(slog.New(slog.DiscardHandler))
	gerr := present(context.Background(), fmt.Errorf("resolve: %w", api.DiagError(l)))
	if gerr.Message != `unknown metric "leadz"` {
		t.Errorf("message = %q", gerr.Message)
	}
	if gerr.Extensions["code"] != "UNKNOWN_METRIC" {
		t.Errorf("code = %v, want UNKNOWN_METRIC", gerr.Extensions["code"])
	}
	if s := fmt.Sprint(gerr.Extensions["suggestions"]); s != "[leads]" {
		t.Errorf("suggestions = %s, want [leads]", s)
	}
}

func TestPresentErrorHidesUnexpected(t *testing.T) {
	var logs bytes.Buffer
	present := presentError(slog.New(slog.NewJSONHandler(&logs, nil)))
	gerr := present(context.Background(), errors.New(`pq: relation "secret_table" does not exist`))
	if gerr.Message != "internal error" || gerr.Extensions["code"] != "INTERNAL" {
		t.Errorf("got %q %v, want a generic INTERNAL error", gerr.Message, gerr.Extensions)
	}
	if !strings.Contains(logs.String(), "secret_table") {
		t.Error("the hidden error was not logged")
	}
}

func TestRecoverPanicLogs(t *testing.T) {
	var logs bytes.Buffer
	err := recoverPanic(slog.New(slog.NewJSONHandler(&logs, nil)))(context.Background(), "index out of range")
	var apiErr *api.Error
	if !errors.As(err, &apiErr) || apiErr.Code != api.CodeInternal || apiErr.Message != "internal error" {
		t.Errorf("recovered error = %v, want INTERNAL with a generic message", err)
	}
	if !strings.Contains(logs.String(), "index out of range") || !strings.Contains(logs.String(), "stack") {
		t.Errorf("panic not logged with its stack: %s", logs.String())
	}
}
