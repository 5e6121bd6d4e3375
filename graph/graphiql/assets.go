package graphiql

import (
	"bytes"
	"net/http"
	"strings"
	"time"
)

// Assets returns the handler for the embedded bundles under AssetsPath. A
// request whose v parameter matches the file's current version is cached
// for a year as immutable; any other request must revalidate through the
// ETag, so a page from an older binary never keeps a stale file.
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
		h.Set("ETag", `"`+a.version+`"`)
		h.Set("X-Content-Type-Options", "nosniff")
		if r.URL.Query().Get("v") == a.version {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "no-cache")
		}
		http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(a.body))
	})
}
