package graph

import (
	"context"
	"errors"
	"log/slog"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/metricsd/metricsd/server/api"
)

// presentError maps every resolver error to a GraphQL error whose
// extensions.code is stable. Service errors carry their code, the first
// diagnostic's position and suggestions, and the full diagnostic list.
// Errors produced by gqlgen itself (parse, validation, input coercion) keep
// their message and code. Anything else is logged and reported as INTERNAL
// with a generic message, so driver or SQL text never reaches a client.
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		var apiErr *api.Error
		if errors.As(err, &apiErr) {
			gerr.Message = apiErr.Message
			gerr.Extensions = apiExtensions(apiErr)
			return gerr
		}
		var own *gqlerror.Error
		if errors.As(err, &own) && own.Unwrap() == nil {
			return gerr
		}
		log.ErrorContext(ctx, "graphql resolver failed", "err", err, "path", gerr.Path.String())
		gerr.Message = "internal error"
		gerr.Extensions = map[string]any{"code": api.CodeInternal}
		return gerr
	}
}

func apiExtensions(e *api.Error) map[string]any {
	ext := map[string]any{"code": e.Code}
	if len(e.Diagnostics) == 0 {
		return ext
	}
	first := convertDiagnostic(e.Diagnostics[0])
	if first.Position != nil {
		ext["position"] = first.Position
	}
	if len(first.Suggestions) > 0 {
		ext["suggestions"] = first.Suggestions
	}
	ext["diagnostics"] = convertDiagnostics(e.Diagnostics)
	return ext
}

// recoverPanic logs a resolver panic with its stack and returns a generic
// INTERNAL error in its place.
func recoverPanic(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "graphql resolver panicked", "panic", p, "stack", string(debug.Stack()))
		return &api.Error{Code: api.CodeInternal, Message: "internal error"}
	}
}
