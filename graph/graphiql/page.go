package graphiql

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
)

// contentSecurityPolicy confines the page to its own origin: scripts only
// from the embedded files, styles also inline (GraphiQL injects style
// elements at run time), fonts and images also as data: URLs (the GraphiQL
// stylesheet inlines its fonts), and requests only to the same origin.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; " +
	"style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'"

// pageData fills page.html.
type pageData struct {
	Title    string
	Endpoint string
}

var pageTemplate = template.Must(template.New("page.html").Funcs(template.FuncMap{
	"asset": assetURL,
}).Parse(pageSource))

// assetURL returns the versioned URL of an embedded asset. It panics on an
// unknown name, so a page that links a file missing from assets/ fails when
// Page runs rather than with a 404 in the browser.
func assetURL(name string) string {
	a, ok := assets[name]
	if !ok {
		panic(fmt.Sprintf("graphiql: page.html links %q, which is not embedded from assets/", name))
	}
	return a.url()
}

// Page returns the GraphiQL page titled title, whose fetcher sends
// operations to endpoint. The endpoint must be on the page's origin (a path
// such as "/graphql"), because the Content-Security-Policy allows requests
// only there.
// The page links only the embedded bundles under AssetsPath.
func Page(title, endpoint string) http.Handler {
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, pageData{Title: title, Endpoint: endpoint}); err != nil {
		panic("graphiql: rendering page.html: " + err.Error())
	}
	body := buf.Bytes()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		// The page is small and names the current asset versions, so the
		// browser revalidates it on every load.
		h.Set("Cache-Control", "no-cache")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		w.Write(body)
	})
}
