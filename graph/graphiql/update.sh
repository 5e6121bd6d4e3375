#!/usr/bin/env bash
# Re-vendors the GraphiQL page's browser bundles from the npm registry.
# Needs npm and network access, so run it by hand, never in CI. Change the
# versions below, run it from anywhere, review `git diff --stat`, update the
# versions in README.md and run `go test ./graph/graphiql/`.
#
# GraphiQL stays on 4.x because 4.x is the last major version that ships a
# UMD bundle (graphiql.min.js, with graphql-js inside) that runs without a
# build step. It expects React and ReactDOM as browser globals, and React
# 18 is the last major version that ships UMD builds.
set -euo pipefail

GRAPHIQL_VERSION=4.1.2
REACT_VERSION=18.3.1

here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "graphiql@$GRAPHIQL_VERSION" "react@$REACT_VERSION" "react-dom@$REACT_VERSION" >/dev/null
unpack() { mkdir "$1" && tar -xzf "$1-$2.tgz" -C "$1" --strip-components=1; }
unpack graphiql "$GRAPHIQL_VERSION"
unpack react "$REACT_VERSION"
unpack react-dom "$REACT_VERSION"

mkdir -p "$here/assets" "$here/licenses"
cp graphiql/graphiql.min.js graphiql/graphiql.min.css "$here/assets/"
cp react/umd/react.production.min.js "$here/assets/"
cp react-dom/umd/react-dom.production.min.js "$here/assets/"
for pkg in graphiql react react-dom; do
	cp "$pkg/LICENSE" "$here/licenses/$pkg.LICENSE"
done

ls -l "$here/assets" "$here/licenses"
