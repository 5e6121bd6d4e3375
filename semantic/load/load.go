// Package load reads a definitions directory into a model.Set, keeping the
// file, line and column of every object and key. It rejects what YAML
// decoding can see (syntax, value types, unknown keys); everything that needs
// more than one object to judge is the validator's job.
package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

// Dir loads every *.yml and *.yaml file under dir, recursively, in path
// order. A directory that cannot be read is an error; everything wrong inside
// the files is a diagnostic.
func Dir(dir string) (*model.Set, diag.List, error) {
	var files []model.File
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		ext := filepath.Ext(path)
		if ext != ".yml" && ext != ".yaml" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		files = append(files, model.File{Path: filepath.ToSlash(rel), Data: data})
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read definitions directory: %w", err)
	}
	set, diags := Files(files)
	set.Dir = dir
	return set, diags, nil
}

// Files decodes already-read files. File paths are used as given in
// positions.
func Files(files []model.File) (*model.Set, diag.List) {
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	set := &model.Set{Files: files}
	var diags diag.List
	for _, f := range files {
		decodeFile(set, f, &diags)
	}
	measureExprs(set)
	return set, diags
}

func decodeFile(set *model.Set, f model.File, diags *diag.List) {
	dec := yaml.NewDecoder(bytes.NewReader(f.Data))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			diags.Add(diag.YAMLSyntax, syntaxPos(f, err), "invalid YAML: %s", syntaxMessage(err))
			return
		}
		if len(doc.Content) == 0 {
			continue
		}
		root := newObject(f.Path, doc.Content[0], "definitions file", diags)
		checkFormatVersion(root)
		for _, n := range root.list("sources") {
			set.Sources = append(set.Sources, decodeSource(f.Path, n, diags))
		}
		for _, n := range root.list("identities") {
			set.Identities = append(set.Identities, decodeIdentity(f.Path, n, diags))
		}
		for _, n := range root.list("semantic_models") {
			set.SemanticModels = append(set.SemanticModels, decodeModel(f.Path, n, diags))
		}
		for _, n := range root.list("metrics") {
			set.Metrics = append(set.Metrics, decodeMetric(f.Path, n, diags))
		}
		root.done()
	}
}

// checkFormatVersion accepts a missing version or version 1, the only
// format this loader reads.
func checkFormatVersion(root *object) {
	v, ok := root.integer("version")
	if ok && v != 1 {
		root.diags.Add(diag.InvalidEnum, root.fields.At("version", root.pos()), "unsupported definitions format version %d", v).
			WithDetail("this metricsd reads format version 1; write version: 1")
	}
}

// syntaxPos pulls "line N" out of a yaml.v3 error, which has no typed
// position. yaml.v3 (v3.0.1) counts lines from 0 in parser errors ("did not
// find expected ...") and from 1 in scanner errors, so parser errors get 1
// added. Parser errors inside a flow collection ([..] or {..}) report the
// line where the collection opened. The column is the line's first
// non-blank character, since yaml.v3 reports none.
func syntaxPos(f model.File, err error) model.Pos {
	var line int
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		fmt.Sscanf(msg[i:], "line %d", &line)
		if strings.Contains(msg, "did not find expected") {
			line++
		}
	}
	return model.Pos{File: f.Path, Line: line, Col: firstNonBlank(f.Data, line)}
}

// firstNonBlank returns the 1-based column of the first character of line
// that is not a space or tab, or 1.
func firstNonBlank(data []byte, line int) int {
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) {
		return 1
	}
	l := lines[line-1]
	for i, c := range l {
		if c != ' ' && c != '\t' {
			return i + 1
		}
	}
	return 1
}

func syntaxMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "line ") {
		msg = msg[i+2:]
	}
	return msg
}
