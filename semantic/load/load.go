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
			diags.Add(diag.YAMLSyntax, syntaxPos(f.Path, err), "invalid YAML: %s", syntaxMessage(err))
			return
		}
		if len(doc.Content) == 0 {
			continue
		}
		root := newObject(f.Path, doc.Content[0], "definitions file", diags)
		root.integer("version") // the format version; 1 is the only one so far
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

// syntaxPos pulls "line N" out of a yaml.v3 error, which has no typed
// position.
func syntaxPos(file string, err error) model.Pos {
	var line int
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		fmt.Sscanf(msg[i:], "line %d", &line)
	}
	return model.Pos{File: file, Line: line, Col: 1}
}

func syntaxMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "line ") {
		msg = msg[i+2:]
	}
	return msg
}
