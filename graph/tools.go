//go:build tools

package graph

// The gqlgen generator is a build-time tool; this import keeps it and its
// dependencies in go.mod so `go run github.com/99designs/gqlgen generate`
// works from a clean checkout.
import _ "github.com/99designs/gqlgen"
