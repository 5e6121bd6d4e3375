package graphiql_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/metricsd/metricsd/graph/graphiql"
)

// newServer serves the page and the assets the way server.Handler routes
// them, on 127.0.0.1.
func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", graphiql.Page("metricsd", "/graphql"))
	mux.Handle("GET "+graphiql.AssetsPath, graphiql.Assets())
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// client sends only the headers a test sets, because the default transport
// adds Accept-Encoding: gzip and decompresses the response by itself.
var client = &http.Client{Transport: &http.Transport{DisableCompression: true}}

func get(t *testing.T, url string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading GET %s: %v", url, err)
	}
	return resp, body
}

// linkPattern matches the src and href attributes of the page.
var linkPattern = regexp.MustCompile(`(?:src|href)="([^"]*)"`)

func pageLinks(t *testing.T, page []byte) []string {
	t.Helper()
	var links []string
	for _, m := range linkPattern.FindAllSubmatch(page, -1) {
		links = append(links, strings.ReplaceAll(string(m[1]), "&amp;", "&"))
	}
	return links
}

func TestPageServesHTML(t *testing.T) {
	srv := newServer(t)
	resp, body := get(t, srv.URL+"/", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET / = %d, want 200\n%s", resp.StatusCode, body)
	}
	if got := resp.Header.Get("Content-Type"); got != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q, want text/html; charset=utf-8", got)
	}
	if got := resp.Header.Get("Cache-Control"); got != "no-cache" {
		t.Errorf("Cache-Control = %q, want no-cache", got)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self';") {
		t.Errorf("Content-Security-Policy = %q, want scripts limited to the origin", csp)
	}
	if !strings.Contains(string(body), `data-endpoint="/graphql"`) {
		t.Errorf("page does not point the fetcher at /graphql:\n%s", body)
	}
	for _, cdn := range []string{"http://", "https://", "//"} {
		for _, link := range pageLinks(t, body) {
			if strings.HasPrefix(link, cdn) {
				t.Errorf("page links %s, which is not served by metricsd", link)
			}
		}
	}
	if strings.Contains(string(body), "http") {
		t.Errorf("page contains an absolute URL:\n%s", body)
	}
}

func TestPageAssetsServed(t *testing.T) {
	srv := newServer(t)
	_, page := get(t, srv.URL+"/", nil)
	links := pageLinks(t, page)
	wantTypes := map[string]string{
		"graphiql.min.css":            "text/css; charset=utf-8",
		"react.production.min.js":     "text/javascript; charset=utf-8",
		"react-dom.production.min.js": "text/javascript; charset=utf-8",
		"graphiql.min.js":             "text/javascript; charset=utf-8",
		"boot.js":                     "text/javascript; charset=utf-8",
	}
	if len(links) != len(wantTypes) {
		t.Errorf("page links %d files, want %d: %v", len(links), len(wantTypes), links)
	}
	for _, link := range links {
		name, _, _ := strings.Cut(strings.TrimPrefix(link, graphiql.AssetsPath), "?")
		wantType, known := wantTypes[name]
		if !strings.HasPrefix(link, graphiql.AssetsPath) || !known {
			t.Errorf("page links %s, want one of %v under %s", link, wantTypes, graphiql.AssetsPath)
			continue
		}
		resp, body := get(t, srv.URL+link, nil)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", link, resp.StatusCode)
			continue
		}
		if got := resp.Header.Get("Content-Type"); got != wantType {
			t.Errorf("GET %s: Content-Type = %q, want %q", link, got, wantType)
		}
		if got := resp.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
			t.Errorf("GET %s: Cache-Control = %q, want a year, immutable", link, got)
		}
		want, err := os.ReadFile(filepath.Join("assets", name))
		if err != nil {
			t.Fatal(err)
		}
		if len(body) < 300 || string(body) != string(want) {
			t.Errorf("GET %s returned %d bytes, want the %d bytes of assets/%s", link, len(body), len(want), name)
		}
	}
}

// TestEveryAssetLinked keeps assets/ free of files the page does not use,
// because each one is embedded in the binary.
func TestEveryAssetLinked(t *testing.T) {
	srv := newServer(t)
	_, page := get(t, srv.URL+"/", nil)
	entries, err := os.ReadDir("assets")
	if err != nil {
		t.Fatal(err)
	}
	links := pageLinks(t, page)
	for _, entry := range entries {
		linked := slices.ContainsFunc(links, func(link string) bool {
			return strings.HasPrefix(link, graphiql.AssetsPath+entry.Name()+"?v=")
		})
		if !linked {
			t.Errorf("assets/%s is embedded but page.html does not link it", entry.Name())
		}
	}
}

func TestAssetsRevalidate(t *testing.T) {
	srv := newServer(t)
	url := srv.URL + graphiql.AssetsPath + "react.production.min.js"

	resp, _ := get(t, url, nil)
	if got := resp.Header.Get("Cache-Control"); got != "no-cache" {
		t.Errorf("unversioned GET: Cache-Control = %q, want no-cache", got)
	}
	etag := resp.Header.Get("ETag")
	if len(etag) != 18 {
		t.Fatalf("ETag = %q, want 16 hex digits in quotes", etag)
	}

	resp, body := get(t, url+"?v=stale", http.Header{"If-None-Match": {etag}})
	if resp.StatusCode != http.StatusNotModified || len(body) != 0 {
		t.Errorf("GET with If-None-Match %s = %d with %d bytes, want 304 and no body", etag, resp.StatusCode, len(body))
	}
	if got := resp.Header.Get("Cache-Control"); got != "no-cache" {
		t.Errorf("GET with a stale version: Cache-Control = %q, want no-cache", got)
	}
}

func TestAssetsNotFound(t *testing.T) {
	srv := newServer(t)
	for _, path := range []string{
		graphiql.AssetsPath,
		graphiql.AssetsPath + "missing.js",
		graphiql.AssetsPath + "assets/boot.js",
		graphiql.AssetsPath + "..%2fpage.html",
		graphiql.AssetsPath + "../page.html",
	} {
		resp, _ := get(t, srv.URL+path, nil)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, resp.StatusCode)
		}
	}
}

func TestAssetsGzip(t *testing.T) {
	srv := newServer(t)
	url := srv.URL + graphiql.AssetsPath + "graphiql.min.js"
	want, err := os.ReadFile(filepath.Join("assets", "graphiql.min.js"))
	if err != nil {
		t.Fatal(err)
	}

	resp, body := get(t, url, http.Header{"Accept-Encoding": {"br, gzip;q=0.8"}})
	if got := resp.Header.Get("Content-Encoding"); got != "gzip" {
		t.Fatalf("Content-Encoding = %q, want gzip", got)
	}
	if got := resp.Header.Get("Vary"); got != "Accept-Encoding" {
		t.Errorf("Vary = %q, want Accept-Encoding", got)
	}
	if len(body) >= len(want)/2 {
		t.Errorf("gzip body is %d bytes, want under half of %d", len(body), len(want))
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain, want) {
		t.Errorf("gunzipped body is %d bytes, want the %d bytes of assets/graphiql.min.js", len(plain), len(want))
	}
	gzipETag := resp.Header.Get("ETag")

	for _, accept := range []string{"", "identity", "gzip;q=0", "deflate, gzip; q=0.000"} {
		resp, body := get(t, url, http.Header{"Accept-Encoding": {accept}})
		if got := resp.Header.Get("Content-Encoding"); got != "" {
			t.Errorf("Accept-Encoding %q: Content-Encoding = %q, want none", accept, got)
		}
		if !bytes.Equal(body, want) {
			t.Errorf("Accept-Encoding %q: body is %d bytes, want %d", accept, len(body), len(want))
		}
		if resp.Header.Get("ETag") == gzipETag {
			t.Errorf("Accept-Encoding %q: ETag %s equals the gzip ETag", accept, gzipETag)
		}
	}
}
