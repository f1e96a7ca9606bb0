package spec

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Error is a problem that keeps a document from being read at all: it
// becomes a GT1000 finding at the best position known.
type Error struct {
	File      string
	Index     int // document index, -1 when the file as a whole is unreadable
	Line, Col int
	Msg       string
	// Path and Job name the member and the job when known (CUE
	// evaluation errors); empty for YAML and JSON.
	Path, Job string
	// NotMapping is set when the document parsed but is not a mapping.
	NotMapping bool
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg) }

// maxNodes bounds alias and merge-key expansion so that a "billion laughs"
// document costs a finding, not the machine's memory.
const maxNodes = 200_000

// maxDepth bounds nesting; no CreateLabelingJob member is nested deeper
// than 8, so anything past this is hostile or broken.
const maxDepth = 64

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// Parse reads every document of a YAML or JSON file. It never panics on bad
// input: what cannot be read is returned as an Error with a position.
func Parse(file string, data []byte) ([]*Document, []*Error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, []*Error{{File: file, Index: -1, Line: 1, Col: 1, Msg: "file is empty: expected a CreateLabelingJob request (a mapping of members such as LabelingJobName)"}}
	}
	if !utf8.Valid(data) {
		line, col := invalidUTF8Pos(data)
		return nil, []*Error{{File: file, Index: -1, Line: line, Col: col, Msg: "file is not valid UTF-8"}}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := offsetPos(data, i)
		return nil, []*Error{{File: file, Index: -1, Line: line, Col: col, Msg: "file contains a NUL byte; specs are text"}}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []*Document
	var errs []*Error
	for idx := 0; ; idx++ {
		var yn yaml.Node
		err := decodeSafe(dec, &yn)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, col := errPos(err, data)
			msg := "does not parse: " + cleanYAMLErr(err)
			if tcol := tabIndent(data, line); tcol > 0 {
				col = tcol
				msg += " (a tab in the indentation: YAML indents with spaces)"
			}
			errs = append(errs, &Error{File: file, Index: idx, Line: line, Col: col, Msg: msg})
			break // the decoder cannot resume after a syntax error
		}
		if yn.Kind == yaml.DocumentNode && len(yn.Content) == 0 {
			continue
		}
		c := converter{file: file, index: idx}
		root := c.convert(&yn, 0)
		errs = append(errs, c.soft...)
		if c.err != nil {
			errs = append(errs, c.err)
			continue
		}
		if root == nil || root.Kind != Map {
			line, col := 1, 1
			kind := "nothing"
			if root != nil {
				line, col, kind = root.Line, root.Col, "a "+root.Kind.String()
			}
			errs = append(errs, &Error{File: file, Index: idx, Line: line, Col: col, Msg: fmt.Sprintf("a spec must be a mapping of CreateLabelingJob members (got %s)", kind), NotMapping: root != nil})
			continue
		}
		docs = append(docs, &Document{File: file, Index: idx, Root: root})
	}
	if len(docs) == 0 && len(errs) == 0 {
		errs = append(errs, &Error{File: file, Index: -1, Line: 1, Col: 1, Msg: "file holds no YAML document"})
	}
	return docs, errs
}

// decodeSafe turns a panic inside the YAML library into an error: a linter
// that runs on untrusted pull requests must not crash on any input.
func decodeSafe(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	return dec.Decode(n)
}

type converter struct {
	file  string
	index int
	nodes int
	err   *Error
	soft  []*Error // problems that still leave a usable document
}

func (c *converter) fail(n *yaml.Node, format string, args ...any) *Node {
	if c.err == nil {
		c.err = &Error{File: c.file, Index: c.index, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)}
	}
	return nil
}

func (c *converter) convert(n *yaml.Node, depth int) *Node {
	if c.err != nil {
		return nil
	}
	c.nodes++
	if c.nodes > maxNodes {
		return c.fail(n, "document expands to more than %d nodes (YAML aliases or merge keys?)", maxNodes)
	}
	if depth > maxDepth {
		return c.fail(n, "document is nested more than %d levels deep", maxDepth)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return c.convert(n.Content[0], depth)
	case yaml.AliasNode:
		if n.Alias == nil {
			return c.fail(n, "unknown alias")
		}
		out := c.convert(n.Alias, depth+1)
		if out != nil {
			// Findings on an aliased value point at the alias use.
			out = relocate(out, n.Line, n.Column)
		}
		return out
	case yaml.ScalarNode:
		return c.scalar(n)
	case yaml.SequenceNode:
		out := &Node{Kind: Seq, Line: n.Line, Col: n.Column}
		for _, item := range n.Content {
			v := c.convert(item, depth+1)
			if c.err != nil {
				return nil
			}
			out.Values = append(out.Values, v)
		}
		return out
	case yaml.MappingNode:
		return c.mapping(n, depth)
	}
	return c.fail(n, "unsupported YAML node")
}

func relocate(n *Node, line, col int) *Node {
	cp := *n
	cp.Line, cp.Col = line, col
	return &cp
}

func (c *converter) mapping(n *yaml.Node, depth int) *Node {
	out := &Node{Kind: Map, Line: n.Line, Col: n.Column}
	seen := map[string]*Node{}
	var merged []*Node // values of "<<" merge keys, applied after own keys
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		if kn.Kind == yaml.ScalarNode && kn.Tag == "!!merge" {
			v := c.convert(vn, depth+1)
			if c.err != nil {
				return nil
			}
			merged = append(merged, v)
			continue
		}
		if kn.Kind != yaml.ScalarNode {
			return c.fail(kn, "mapping keys must be plain names, not a %s", kindName(kn))
		}
		if prev, dup := seen[kn.Value]; dup {
			// Not fatal: the document is still linted with the first value,
			// so one slip does not hide every other finding.
			c.soft = append(c.soft, &Error{File: c.file, Index: c.index, Line: kn.Line, Col: kn.Column, Msg: fmt.Sprintf("duplicate key %q (first at line %d); YAML parsers and the AWS CLI keep only one of them", kn.Value, prev.Line)})
			continue
		}
		key := &Node{Kind: String, Value: kn.Value, Line: kn.Line, Col: kn.Column}
		seen[kn.Value] = key
		v := c.convert(vn, depth+1)
		if c.err != nil {
			return nil
		}
		out.Keys = append(out.Keys, key)
		out.Values = append(out.Values, v)
	}
	for _, m := range merged {
		var sources []*Node
		switch {
		case m != nil && m.Kind == Map:
			sources = []*Node{m}
		case m != nil && m.Kind == Seq:
			sources = m.Values
		default:
			return c.fail(n, "merge key << needs a mapping or a list of mappings")
		}
		for _, s := range sources {
			if s == nil || s.Kind != Map {
				return c.fail(n, "merge key << needs a mapping or a list of mappings")
			}
			for i, k := range s.Keys {
				if _, ok := seen[k.Value]; ok {
					continue
				}
				seen[k.Value] = k
				out.Keys = append(out.Keys, k)
				out.Values = append(out.Values, s.Values[i])
			}
		}
	}
	return out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	}
	return "scalar"
}

func (c *converter) scalar(n *yaml.Node) *Node {
	out := &Node{Line: n.Line, Col: n.Column, Value: n.Value}
	out.Quoted = n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
	switch n.ShortTag() {
	case "!!null":
		out.Kind = Null
	case "!!bool":
		out.Kind = Bool
		out.Value = strings.ToLower(n.Value)
	case "!!int":
		out.Kind = Int
		// YAML allows 0x1F, 0o17 and 1_000; keep one canonical decimal form.
		s := strings.ReplaceAll(n.Value, "_", "")
		s = strings.Replace(s, "0o", "0", 1)
		if b, ok := new(big.Int).SetString(s, 0); ok {
			out.Value = b.String()
		}
	case "!!float":
		out.Kind = Float
	case "!!str", "!!binary", "!!timestamp":
		out.Kind = String
	default:
		out.Kind = String
	}
	return out
}

// errPos finds where a syntax error is. yaml.v3 names the line where the
// enclosing block starts, which can be far above the mistake. JSON gets the
// exact offset from encoding/json; block YAML gets the first line at which
// a prefix of the file stops parsing (a prefix of valid block YAML is
// valid YAML, so that line holds the mistake).
func errPos(err error, data []byte) (int, int) {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		var raw json.RawMessage
		dec := json.NewDecoder(bytes.NewReader(data))
		for {
			if derr := dec.Decode(&raw); derr != nil {
				var se *json.SyntaxError
				if errors.As(derr, &se) {
					return offsetPos(data, int(min(se.Offset, int64(len(data))))-1)
				}
				break
			}
		}
	}
	line, col := yamlErrPos(err, data)
	if len(data) > 1<<20 {
		return line, col // bisection re-parses; not worth it on huge files
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	fails := func(k int) bool {
		prefix := bytes.Join(lines[:k], nil)
		dec := yaml.NewDecoder(bytes.NewReader(prefix))
		for {
			var n yaml.Node
			e := decodeSafe(dec, &n)
			if errors.Is(e, io.EOF) {
				return false
			}
			if e != nil {
				return true
			}
		}
	}
	lo, hi := 1, len(lines)
	if !fails(hi) {
		return line, col
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	if lo > line {
		l := lines[lo-1]
		return lo, len(l) - len(bytes.TrimLeft(l, " \t")) + 1
	}
	return line, col
}

func yamlErrPos(err error, data []byte) (int, int) {
	m := yamlLineRE.FindStringSubmatch(err.Error())
	if m == nil {
		return 1, 1
	}
	line, _ := strconv.Atoi(m[1])
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 {
		line = 1
	}
	if line > len(lines) {
		return line, 1
	}
	l := lines[line-1]
	col := len(l) - len(bytes.TrimLeft(l, " \t")) + 1
	return line, col
}

func cleanYAMLErr(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	s = yamlLineRE.ReplaceAllString(s, "")
	s = strings.TrimLeft(s, ": ")
	return s
}

func invalidUTF8Pos(data []byte) (int, int) {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return offsetPos(data, i)
		}
		i += size
	}
	return 1, 1
}

func offsetPos(data []byte, off int) (int, int) {
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, utf8.RuneCount(data[start:off]) + 1
}

// tabIndent returns the 1-based column of a tab in the indentation of the
// given line, or 0.
func tabIndent(data []byte, line int) int {
	lines := bytes.SplitN(data, []byte("\n"), line+1)
	if line < 1 || line > len(lines) {
		return 0
	}
	l := lines[line-1]
	for i, c := range l {
		switch c {
		case ' ':
			continue
		case '\t':
			return i + 1
		}
		return 0
	}
	return 0
}
