// Package spec reads labeling-job specs (YAML, JSON) into documents whose
// every node remembers the line and column it came from, so that a finding
// can point at the exact value that is wrong.
package spec

import (
	"strconv"
	"strings"
)

// Kind is the data type of a node as the spec author wrote it.
type Kind int

const (
	Null Kind = iota
	Bool
	Int
	Float
	String
	Map
	Seq
)

func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "boolean"
	case Int:
		return "integer"
	case Float:
		return "float"
	case String:
		return "string"
	case Map:
		return "mapping"
	case Seq:
		return "list"
	}
	return "unknown"
}

// Node is one value of a spec document. Maps keep their keys in source
// order; Keys[i] is the key node of Values[i].
type Node struct {
	Kind   Kind
	Value  string // scalar text, unquoted; integers are canonical decimal
	Quoted bool   // the scalar was written as a quoted string
	Line   int    // 1-based
	Col    int    // 1-based
	// File is the file Line and Col refer to when it is not the
	// document's own: a CUE job's value set in the package's defaults
	// file. Empty for YAML and JSON. Use Document.FileOf.
	File   string
	Keys   []*Node
	Values []*Node
}

// Get returns the value of key in a map node, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Map {
		return nil
	}
	for i, k := range n.Keys {
		if k.Value == key {
			return n.Values[i]
		}
	}
	return nil
}

// KeyNode returns the key node of key in a map node, or nil.
func (n *Node) KeyNode(key string) *Node {
	if n == nil || n.Kind != Map {
		return nil
	}
	for _, k := range n.Keys {
		if k.Value == key {
			return k
		}
	}
	return nil
}

// Lookup follows a dotted member path ("HumanTaskConfig.UiConfig") from n.
// List indexes are not supported: callers iterate lists themselves.
func (n *Node) Lookup(path string) *Node {
	cur := n
	for _, p := range strings.Split(path, ".") {
		cur = cur.Get(p)
		if cur == nil {
			return nil
		}
	}
	return cur
}

// Str returns the string value at path, if it is a string.
func (n *Node) Str(path string) (string, *Node, bool) {
	v := n.Lookup(path)
	if v == nil || v.Kind != String {
		return "", v, false
	}
	return v.Value, v, true
}

// Int returns the integer value at path, if it is an integer.
func (n *Node) Int(path string) (int64, *Node, bool) {
	v := n.Lookup(path)
	if v == nil || v.Kind != Int {
		return 0, v, false
	}
	i, err := strconv.ParseInt(v.Value, 10, 64)
	if err != nil {
		return 0, v, false
	}
	return i, v, true
}

// Has reports whether the member path is present (with any value).
func (n *Node) Has(path string) bool { return n.Lookup(path) != nil }

// Document is one spec: a YAML document, a JSON file, or one job of a CUE
// package.
type Document struct {
	File  string // as given or found, relative to the working directory
	Index int    // 0-based document index within the file
	Root  *Node
}

// FileOf is the file that n's Line and Col refer to: n.File when set (a
// CUE value set in another file of the package), else the document's file.
func (d *Document) FileOf(n *Node) string {
	if n != nil && n.File != "" {
		return n.File
	}
	return d.File
}

// JobName is the LabelingJobName, when the document has a string one.
func (d *Document) JobName() string {
	s, _, _ := d.Root.Str("LabelingJobName")
	return s
}

// Data returns the node as plain Go data: map[string]any, []any, string,
// int64, float64, bool or nil, the form API requests are built from.
func (n *Node) Data() any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case Map:
		m := make(map[string]any, len(n.Keys))
		for i, k := range n.Keys {
			m[k.Value] = n.Values[i].Data()
		}
		return m
	case Seq:
		l := make([]any, len(n.Values))
		for i, v := range n.Values {
			l[i] = v.Data()
		}
		return l
	case Int:
		if i, err := strconv.ParseInt(n.Value, 10, 64); err == nil {
			return i
		}
		return n.Value
	case Float:
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f
		}
		return n.Value
	case Bool:
		return n.Value == "true"
	case Null:
		return nil
	}
	return n.Value
}
