// Package graphiql serves the GraphiQL page and its browser bundles from
// files embedded in the binary, so the page works on machines without
// internet access. update.sh vendors the bundles from npm, and README.md
// lists the packages and versions.
package graphiql

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"path"
	"sync"
)

// AssetsPath is the URL path under which Assets serves the bundles. A mux
// routes the whole subtree to Assets ("GET /graphiql/assets/").
const AssetsPath = "/graphiql/assets/"

//go:embed assets/*.js assets/*.css
var assetFiles embed.FS

//go:embed page.html
var pageSource string

// contentTypes maps the vendored file extensions to their media types. It
// is fixed here rather than read from the system MIME tables, which vary by
// machine.
var contentTypes = map[string]string{
	".js":  "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8",
}

// asset is one embedded file with its media type and version.
type asset struct {
	name        string
	body        []byte
	contentType string
	version     string // first 16 hex digits of the body's SHA-256

	gzipOnce sync.Once
	gzipped  []byte
}

// gzipBody returns the body compressed with gzip, or nil when compression
// does not make it smaller. It compresses on the first call rather than at
// start-up, so a process that never serves the page never pays for it.
func (a *asset) gzipBody() []byte {
	a.gzipOnce.Do(func() {
		var buf bytes.Buffer
		zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if err != nil {
			panic("graphiql: " + err.Error()) // only for an invalid level
		}
		zw.Write(a.body) // writes to a bytes.Buffer do not fail
		zw.Close()
		if buf.Len() < len(a.body) {
			a.gzipped = buf.Bytes()
		}
	})
	return a.gzipped
}

// url returns the path the page links to. The version query parameter
// changes whenever the file does, which lets Assets mark it immutable.
func (a *asset) url() string {
	return AssetsPath + a.name + "?v=" + a.version
}

var assets = loadAssets()

func loadAssets() map[string]*asset {
	entries, err := fs.ReadDir(assetFiles, "assets")
	if err != nil {
		panic("graphiql: reading the embedded assets: " + err.Error())
	}
	byName := make(map[string]*asset, len(entries))
	for _, entry := range entries {
		body, err := fs.ReadFile(assetFiles, "assets/"+entry.Name())
		if err != nil {
			panic("graphiql: reading the embedded asset " + entry.Name() + ": " + err.Error())
		}
		sum := sha256.Sum256(body)
		byName[entry.Name()] = &asset{
			name:        entry.Name(),
			body:        body,
			contentType: contentTypes[path.Ext(entry.Name())],
			version:     hex.EncodeToString(sum[:8]),
		}
	}
	return byName
}
