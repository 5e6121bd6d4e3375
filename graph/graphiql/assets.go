package graphiql

import (
	"bytes"
	"net/http"
	"strings"
	"time"
)

// Assets returns the handler for the embedded bundles under AssetsPath. A
// request whose v parameter matches the file's current version is cached
// for a year as immutable. Any other request must revalidate through the
// ETag, so a page from an older binary never keeps a stale file. Clients
// that accept gzip get the compressed body.
func Assets() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := strings.CutPrefix(r.URL.Path, AssetsPath)
		a := assets[name]
		if !ok || a == nil {
			http.NotFound(w, r)
			return
		}

		h := w.Header()
		h.Set("Content-Type", a.contentType)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Add("Vary", "Accept-Encoding")
		if r.URL.Query().Get("v") == a.version {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "no-cache")
		}

		body, etag := a.body, `"`+a.version+`"`
		if compressed := a.gzipBody(); compressed != nil && acceptsGzip(r.Header.Values("Accept-Encoding")) {
			// Each encoding is its own representation, so it gets its own ETag.
			body, etag = compressed, `"`+a.version+`-gzip"`
			h.Set("Content-Encoding", "gzip")
		}
		h.Set("ETag", etag)
		http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(body))
	})
}

// acceptsGzip reports whether Accept-Encoding header values list gzip (or
// the * wildcard) with a nonzero quality.
func acceptsGzip(values []string) bool {
	for _, value := range values {
		for _, item := range strings.Split(value, ",") {
			coding, params, _ := strings.Cut(item, ";")
			coding = strings.ToLower(strings.TrimSpace(coding))
			if coding != "gzip" && coding != "*" {
				continue
			}
			return !zeroQuality(params)
		}
	}
	return false
}

// zeroQuality reports whether Accept-Encoding parameters set q to 0, which
// rejects the coding.
func zeroQuality(params string) bool {
	for _, param := range strings.Split(params, ";") {
		key, value, _ := strings.Cut(strings.TrimSpace(param), "=")
		if strings.EqualFold(key, "q") {
			value = strings.TrimRight(strings.TrimSpace(value), "0")
			return value == "" || value == "." || value == "0."
		}
	}
	return false
}
