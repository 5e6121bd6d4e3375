package graph

import (
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/metricsd/metricsd/graph/graphiql"
	"github.com/metricsd/metricsd/server/api"
)

// Limits on one GraphQL operation. The complexity score counts one per
// selected field; the largest useful query of this schema (catalog with
// every metric's dimensions and formats) scores under 100.
const (
	MaxComplexity = 500
	MaxDepth      = 15
)

// NewHandler returns the GraphQL endpoint (GET and POST) over svc.
func NewHandler(svc api.Service, log *slog.Logger) http.Handler {
	srv := handler.New(NewExecutableSchema(Config{Resolvers: &Resolver{Service: svc}}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.FixedComplexityLimit(MaxComplexity))
	srv.Use(depthLimit{max: MaxDepth})
	srv.SetErrorPresenter(presentError(log))
	srv.SetRecoverFunc(recoverPanic(log))
	return srv
}

// NewPlayground returns the GraphiQL page pointed at endpoint, a path on
// the same origin. The page loads its scripts from the binary through
// graphiql.Assets, which the server must route at graphiql.AssetsPath.
func NewPlayground(endpoint string) http.Handler {
	return graphiql.Page("metricsd", endpoint)
}
