package server_test

import (
	"net/http"
	"regexp"
	"testing"
)

// TestGraphiQLSelfContained checks that the server routes every file the
// GraphiQL page links, so the page renders without internet access.
func TestGraphiQLSelfContained(t *testing.T) {
	e := newEnv(t, "duckdb:")
	status, _, page := e.get(t, "/")
	if status != http.StatusOK {
		t.Fatalf("GET / = %d, want 200", status)
	}
	links := regexp.MustCompile(`(?:src|href)="(/graphiql/assets/[^"]+)"`).FindAllSubmatch(page, -1)
	if len(links) != 5 {
		t.Fatalf("page links %d files under /graphiql/assets/, want 5:\n%s", len(links), page)
	}
	for _, link := range links {
		path := string(link[1])
		status, ctype, body := e.get(t, path)
		if status != http.StatusOK || len(body) < 300 {
			t.Errorf("GET %s = %d with %d bytes (%s), want 200 and the file", path, status, len(body), ctype)
		}
	}
}
