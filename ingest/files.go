package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// inputFile is one file matched by a location's glob.
type inputFile struct {
	path    string // on disk
	display string // for a relative glob, the slash path relative to the base directory; else the absolute path
	size    int64
	sha256  string
}

// matchFiles expands a glob; a relative glob is resolved against baseDir.
// Matches come back in lexical order so loads are repeatable.
func matchFiles(baseDir, glob string) ([]inputFile, error) {
	pattern := glob
	if !filepath.IsAbs(pattern) {
		pattern = filepath.Join(baseDir, filepath.FromSlash(glob))
	}
	paths, err := filepath.Glob(pattern)
	if err != nil {
		return nil, fmt.Errorf("invalid files glob %q: %w", glob, err)
	}
	sort.Strings(paths)
	var files []inputFile
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if st.IsDir() {
			continue
		}
		files = append(files, inputFile{path: p, display: displayPath(baseDir, p, filepath.IsAbs(glob)), size: st.Size()})
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no file matches %q (looked for %s): check the path, or set --data-dir or METRICSD_DATA_DIR to the directory relative paths start from", glob, pattern)
	}
	return files, nil
}

// displayPath names a file in messages and in the ledger. A relative glob
// gives paths relative to the base directory and an absolute glob absolute
// paths. The name must not depend on where the data directory is mounted,
// because moving it would otherwise load every file again under a new name
// next to its old rows.
func displayPath(baseDir, p string, absGlob bool) string {
	absBase, err1 := filepath.Abs(baseDir)
	absPath, err2 := filepath.Abs(p)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(p)
	}
	if absGlob {
		return filepath.ToSlash(absPath)
	}
	rel, err := filepath.Rel(absBase, absPath)
	if err != nil {
		return filepath.ToSlash(absPath)
	}
	return filepath.ToSlash(rel)
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// countingReader counts bytes read so progress can be shown by size.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
