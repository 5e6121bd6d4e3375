package load

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/metricsd/metricsd/semantic/diag"
	"github.com/metricsd/metricsd/semantic/model"
)

// object decodes one YAML mapping. Each getter marks its key as known; done
// reports the keys nobody asked for as UNKNOWN_KEY with suggestions.
type object struct {
	file   string
	node   *yaml.Node
	kind   string // what the mapping is, for messages: "metric", "measure", ...
	diags  *diag.List
	fields model.Fields
	known  []string
}

func newObject(file string, n *yaml.Node, kind string, diags *diag.List) *object {
	o := &object{file: file, node: n, kind: kind, diags: diags, fields: model.Fields{}}
	if n.Kind != yaml.MappingNode {
		diags.Add(diag.YAMLType, pos(file, n), "%s must be a mapping, got %s", kind, describe(n))
		o.node = nil
		return o
	}
	keys := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if first, dup := keys[k.Value]; dup {
			// yaml.v3 accepts duplicate keys when decoding into a Node; the
			// getters read the first, so the second would be ignored silently.
			diags.Add(diag.DuplicateKey, pos(file, k), "key %q appears twice in %s", k.Value, kind).
				WithDetail(fmt.Sprintf("first written at %s; only the first value is read, so remove one", pos(file, first)))
			continue
		}
		keys[k.Value] = k
		o.fields[k.Value] = pos(file, n.Content[i+1])
	}
	return o
}

func pos(file string, n *yaml.Node) model.Pos {
	return model.Pos{File: file, Line: n.Line, Col: n.Column}
}

func (o *object) pos() model.Pos {
	if o.node == nil {
		return model.Pos{File: o.file}
	}
	return pos(o.file, o.node)
}

// value returns the node for key, or nil when absent.
func (o *object) value(key string) *yaml.Node {
	o.known = append(o.known, key)
	if o.node == nil {
		return nil
	}
	for i := 0; i+1 < len(o.node.Content); i += 2 {
		if o.node.Content[i].Value == key {
			v := o.node.Content[i+1]
			if v.Kind == yaml.AliasNode && v.Alias != nil {
				v = v.Alias
			}
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				return nil
			}
			return v
		}
	}
	return nil
}

func (o *object) scalar(key, want string) *yaml.Node {
	v := o.value(key)
	if v == nil {
		return nil
	}
	if v.Kind != yaml.ScalarNode {
		o.diags.Add(diag.YAMLType, pos(o.file, v), "%s.%s must be %s, got %s", o.kind, key, want, describe(v))
		return nil
	}
	return v
}

func (o *object) str(key string) string {
	if v := o.scalar(key, "a string"); v != nil {
		return v.Value
	}
	return ""
}

// optStr returns nil when key is absent, so "0" and "" stay distinct from
// not written.
func (o *object) optStr(key string) *string {
	if v := o.scalar(key, "a string"); v != nil {
		s := v.Value
		return &s
	}
	return nil
}

func (o *object) expr(key string) model.Expr {
	v := o.scalar(key, "a string")
	if v == nil {
		return model.Expr{}
	}
	e := model.Expr{Text: v.Value, Pos: pos(o.file, v)}
	switch v.Style {
	case yaml.SingleQuotedStyle:
		e.Style = '\''
	case yaml.DoubleQuotedStyle:
		e.Style = '"'
	case yaml.LiteralStyle, yaml.FoldedStyle:
		e.Style = '|'
		e.Indent = blockIndent(o.node, v)
	}
	return e
}

// blockIndent guesses the content indentation of a block scalar: YAML puts
// it deeper than the parent mapping's keys.
func blockIndent(parent, v *yaml.Node) int {
	// NOTE: yaml.v3 does not report a block scalar's indentation, so this
	// assumes the common two-space indent under the key.
	return parent.Column + 1
}

func (o *object) integer(key string) (int, bool) {
	v := o.scalar(key, "an integer")
	if v == nil {
		return 0, false
	}
	n, err := strconv.Atoi(v.Value)
	if err != nil || v.Tag != "!!int" {
		o.diags.Add(diag.YAMLType, pos(o.file, v), "%s.%s must be an integer, got %q", o.kind, key, v.Value)
		return 0, false
	}
	return n, true
}

func (o *object) boolean(key string) (bool, bool) {
	v := o.scalar(key, "true or false")
	if v == nil {
		return false, false
	}
	switch v.Value {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	o.diags.Add(diag.YAMLType, pos(o.file, v), "%s.%s must be true or false, got %q", o.kind, key, v.Value)
	return false, false
}

func (o *object) list(key string) []*yaml.Node {
	v := o.value(key)
	if v == nil {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		o.diags.Add(diag.YAMLType, pos(o.file, v), "%s.%s must be a list, got %s", o.kind, key, describe(v))
		return nil
	}
	return v.Content
}

func (o *object) strings(key string) []string {
	var out []string
	for _, n := range o.list(key) {
		if n.Kind != yaml.ScalarNode {
			o.diags.Add(diag.YAMLType, pos(o.file, n), "%s.%s items must be strings, got %s", o.kind, key, describe(n))
			continue
		}
		out = append(out, n.Value)
	}
	return out
}

func (o *object) mapping(key, kind string) *object {
	v := o.value(key)
	if v == nil {
		return nil
	}
	return newObject(o.file, v, kind, o.diags)
}

func (o *object) stringMap(key string) map[string]string {
	v := o.value(key)
	if v == nil {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		o.diags.Add(diag.YAMLType, pos(o.file, v), "%s.%s must be a mapping, got %s", o.kind, key, describe(v))
		return nil
	}
	out := map[string]string{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		val := v.Content[i+1]
		if val.Kind != yaml.ScalarNode {
			o.diags.Add(diag.YAMLType, pos(o.file, val), "%s.%s.%s must be a string, got %s", o.kind, key, v.Content[i].Value, describe(val))
			continue
		}
		out[v.Content[i].Value] = val.Value
	}
	return out
}

// done reports unknown keys. Call it after every getter has run.
func (o *object) done() {
	if o.node == nil {
		return
	}
	known := map[string]bool{}
	for _, k := range o.known {
		known[k] = true
	}
	for i := 0; i+1 < len(o.node.Content); i += 2 {
		k := o.node.Content[i]
		if known[k.Value] {
			continue
		}
		d := o.diags.Add(diag.UnknownKey, pos(o.file, k), "unknown key %q in %s", k.Value, o.kind)
		cands := append([]string(nil), o.known...)
		sort.Strings(cands)
		if s := diag.Suggest(k.Value, cands); len(s) > 0 {
			d.WithSuggestions(s)
		}
		d.WithDetail(fmt.Sprintf("valid keys: %s", strings.Join(cands, ", ")))
	}
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "an alias"
}
