// Package artifacts reads the files a labeling job uses — label category
// configuration, input manifest, worker template — keeping positions for
// findings.
package artifacts

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits that keep a hostile or broken file from costing the machine.
const (
	// MaxJSONDepth is the deepest nesting of objects and arrays accepted. A
	// label category file needs 6 levels (root, labels, a label, its
	// categoryAttributes, an attribute, its enum); anything near the cap is
	// broken or hostile, and the cap keeps the recursive parser's stack
	// small.
	MaxJSONDepth = 256
	// MaxLabelFileBytes is the largest label category file read. A file of
	// one million labels is about 30 MB.
	MaxLabelFileBytes = 64 << 20
	// MaxJSONValues caps the values (objects, arrays, strings, numbers and
	// literals) a label file may hold; a million labels take two million.
	// The parser stops counting at the cap, so a file of tiny values
	// ("[],[],...") costs no more than its bytes and the counts.
	MaxJSONValues = 2_500_000
	// MaxKeptChildren is how many children of one object or array the tree
	// holds (Value.Len counts them all). A label file has at most a few
	// hundred labels, each with at most ten attributes, so a container
	// longer than this is a finding already; building its other children,
	// at 80 bytes a value, would cost 160 MB for a million labels.
	MaxKeptChildren = 10_000
)

// ValueKind is the type of a JSON value.
type ValueKind uint8

// The JSON value kinds.
const (
	NullValue ValueKind = iota
	BoolValue
	NumberValue
	StringValue
	ObjectValue
	ArrayValue
)

func (k ValueKind) String() string {
	switch k {
	case NullValue:
		return "null"
	case BoolValue:
		return "boolean"
	case NumberValue:
		return "number"
	case StringValue:
		return "string"
	case ObjectValue:
		return "object"
	case ArrayValue:
		return "array"
	}
	return "unknown"
}

// Value is one JSON value with the position it was written at. Lines and
// columns are 1-based; columns count Unicode characters, as the spec
// parser's do. An object's members and an array's items are its Kids, in
// source order; a member carries its key and the key's position.
type Value struct {
	Kids []Value
	// Key is the member name when the node is the value of an object
	// member, "" otherwise (an empty key is also "": check KeyLine).
	Key string
	// Text is the decoded value of a string, the literal of a number, and
	// "true", "false" or "null" for the literals.
	Text string
	// Line and Col locate the value's first character.
	Line, Col int32
	// KeyLine and KeyCol locate the opening quote of the member's key; 0
	// when the node is not an object member.
	KeyLine, KeyCol int32
	Kind            ValueKind
	// Total is the number of children in the file, which is more than
	// len(Kids) past MaxKeptChildren (it fits in Kind's padding).
	Total int32
}

// Len is the number of children of an object or array, including those
// past MaxKeptChildren that Kids does not hold.
func (n *Value) Len() int {
	return max(int(n.Total), len(n.Kids))
}

// Get returns the value of the member key of an object, or nil. When a key
// is repeated (a GT5000 finding), the last one wins, as in most JSON
// parsers.
func (n *Value) Get(key string) *Value {
	if n == nil || n.Kind != ObjectValue {
		return nil
	}
	for i := len(n.Kids) - 1; i >= 0; i-- {
		if n.Kids[i].Key == key && n.Kids[i].KeyLine > 0 {
			return &n.Kids[i]
		}
	}
	return nil
}

// Has reports whether an object has the member key.
func (n *Value) Has(key string) bool { return n.Get(key) != nil }

// Str returns a string value.
func (n *Value) Str() (string, bool) {
	if n == nil || n.Kind != StringValue {
		return "", false
	}
	return n.Text, true
}

// IsInteger reports whether a number is written as an integer: no
// fraction and no exponent ("1.0" and "1e2" are not).
func (n *Value) IsInteger() bool {
	if n == nil || n.Kind != NumberValue {
		return false
	}
	return !strings.ContainsAny(n.Text, ".eE")
}

// Int64 returns an integer number that fits in 64 bits.
func (n *Value) Int64() (int64, bool) {
	if !n.IsInteger() {
		return 0, false
	}
	v, err := strconv.ParseInt(n.Text, 10, 64)
	return v, err == nil
}

// Pos is a 1-based line and column.
type Pos struct{ Line, Col int }

// ValuePos is where the value starts.
func (n *Value) ValuePos() Pos { return Pos{int(n.Line), int(n.Col)} }

// KeyPos is where the member's key starts, or the value's position for a
// node that is not an object member.
func (n *Value) KeyPos() Pos {
	if n.KeyLine == 0 {
		return n.ValuePos()
	}
	return Pos{int(n.KeyLine), int(n.KeyCol)}
}

// MemberPath appends an object member to a JSON path: "labels" + "label" is
// "labels.label"; a key that is not a plain name is quoted, as in
// `labels["my key"]`.
func MemberPath(path, key string) string {
	if !plainKey(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// IndexPath appends an array index to a JSON path: "labels[3]".
func IndexPath(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func plainKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// Duplicate is a key that appears twice in one object. RFC 8259 says names
// SHOULD be unique; parsers differ in which value they keep, so the linter
// reports every repeat.
type Duplicate struct {
	Key   string
	Path  string // the repeated member, e.g. labels[3].label
	Pos   Pos    // the repeated key
	First Pos    // the first occurrence's key
}

// JSONFile is a parsed JSON file.
type JSONFile struct {
	Root *Value
	// Duplicates lists repeated keys in source order.
	Duplicates []Duplicate
	// Size is the file's length in bytes.
	Size int
}

// JSONError is a reason the file is not strict JSON, at the exact place
// the problem is: the line and column of the offending character, or,
// for a missing comma, of the place the comma belongs.
type JSONError struct {
	Offset    int // byte offset
	Line, Col int // 1-based; columns count characters
	// Path is the JSON path of the value or container the problem is in
	// ("" for the top level), such as "labels" for a trailing comma in the
	// labels array.
	Path string
	Msg  string

	segs []pathSeg // path segments, innermost first, while unwinding
}

func (e *JSONError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Col, e.Msg)
}

type pathSeg struct {
	key   string
	idx   int
	isIdx bool
}

func joinPathSegs(segs []pathSeg) string {
	var b strings.Builder
	for _, s := range segs {
		if s.isIdx {
			b.WriteString(IndexPath("", s.idx))
		} else {
			p := b.String()
			b.Reset()
			b.WriteString(MemberPath(p, s.key))
		}
	}
	return b.String()
}

// ReadLabels reads and parses a label category configuration file. A file
// that is not strict JSON gives a *JSONError; a file that cannot be read
// gives the read error.
func ReadLabels(path string) (*JSONFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() > MaxLabelFileBytes {
		return nil, &JSONError{Line: 1, Col: 1, Msg: fmt.Sprintf("the file is %d bytes; files above %d MiB are not read", info.Size(), MaxLabelFileBytes>>20)}
	}
	// Read straight into the string the parser works on: one copy of the
	// file in memory, not three (a growing buffer, then a string of it).
	var b strings.Builder
	b.Grow(int(info.Size()) + 1)
	if _, err := io.Copy(&b, io.LimitReader(f, MaxLabelFileBytes+1)); err != nil {
		return nil, err
	}
	return parseJSON(b.String())
}

// ParseJSON parses data as strict JSON (RFC 8259): UTF-8 without a byte order
// mark, no comments, no trailing commas, no single quotes or unquoted
// keys, no placeholders such as "...", no raw control characters (line
// breaks, tabs) inside strings, nesting at most MaxJSONDepth deep. Repeated
// keys do not stop the parse; they are listed in JSONFile.Duplicates.
func ParseJSON(data []byte) (*JSONFile, error) {
	return parseJSON(string(data))
}

func parseJSON(s string) (*JSONFile, error) {
	if len(s) > MaxLabelFileBytes {
		return nil, &JSONError{Line: 1, Col: 1, Msg: fmt.Sprintf("the file is %d bytes; files above %d MiB are not read", len(s), MaxLabelFileBytes>>20)}
	}
	if !utf8.ValidString(s) {
		off := firstInvalidUTF8(s)
		return nil, newJSONError(s, off, nil, fmt.Sprintf("invalid UTF-8 byte 0x%02x: the file must be UTF-8 text", s[off]))
	}
	if strings.HasPrefix(s, "\uFEFF") {
		return nil, newJSONError(s, 0, nil, "the file starts with a byte order mark (U+FEFF); save it as UTF-8 without BOM")
	}
	p := &jsonParser{s: s}
	p.ws()
	if p.i == len(s) {
		return nil, newJSONError(s, 0, nil, "the file is empty; expected a JSON object such as {\"labels\": [...]}")
	}
	err := p.value(nil)
	if err == nil {
		end := p.i
		p.ws()
		if p.i < len(s) {
			if msg := p.commentMsg(p.i); msg != "" {
				err = p.fail(p.i, msg)
			} else {
				endPos := offsetPos(s, end)
				err = p.fail(p.i, fmt.Sprintf("unexpected %s after the end of the JSON value (it ends at line %d, column %d); a JSON file holds one value", describeAt(s, p.i), endPos.Line, endPos.Col))
			}
		}
	}
	if err != nil {
		var se *JSONError
		if errors.As(err, &se) {
			finishJSONError(s, se)
		}
		return nil, err
	}
	// Second pass: build. The text is known to be valid.
	p.arena = make([]Value, p.kept-1) // the root is not in the arena
	p.build, p.i, p.depth = true, 0, 0
	p.line, p.lineStart, p.colOff, p.col = 1, 0, 0, 1
	var root Value
	p.ws()
	if err := p.value(&root); err != nil {
		return nil, err // unreachable: the first pass accepted the text
	}
	f := &JSONFile{Root: &root, Size: len(s)}
	var stack []pathSeg
	findDuplicateKeys(f.Root, &stack, &f.Duplicates)
	return f, nil
}

func newJSONError(s string, off int, segs []pathSeg, msg string) *JSONError {
	e := &JSONError{Offset: off, Msg: msg, segs: segs}
	finishJSONError(s, e)
	return e
}

// finishJSONError fills in the position and path of an error.
func finishJSONError(s string, e *JSONError) {
	pos := offsetPos(s, e.Offset)
	e.Line, e.Col = pos.Line, pos.Col
	for i, j := 0, len(e.segs)-1; i < j; i, j = i+1, j-1 {
		e.segs[i], e.segs[j] = e.segs[j], e.segs[i]
	}
	e.Path = joinPathSegs(e.segs)
	e.segs = nil
}

// offsetPos converts a byte offset to a line and column. Line breaks are
// LF, CRLF and a lone CR, as editors count them.
func offsetPos(s string, off int) Pos {
	if off > len(s) {
		off = len(s)
	}
	line, start := 1, 0
	for i := 0; i < off; i++ {
		switch s[i] {
		case '\n':
			line++
			start = i + 1
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue
			}
			line++
			start = i + 1
		}
	}
	return Pos{line, utf8.RuneCountInString(s[start:off]) + 1}
}

func firstInvalidUTF8(b string) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRuneInString(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return 0
}

// jsonParser reads the text twice. The first pass checks it and counts
// the children of every object and array, in the order they open; the
// second builds the tree into one slice of exactly the right size, so a
// million labels cost one allocation and no copying as lists grow.
type jsonParser struct {
	s     string
	i     int
	depth int

	// build is false in the first pass, true in the second.
	build bool
	// counts[k] is the number of children of the k-th container to open;
	// next is the next one in the second pass.
	counts []int32
	next   int
	// arena holds every value but the root; used is how much is handed out.
	arena []Value
	used  int
	// discard receives the values of the first pass, and those past
	// MaxKeptChildren in the second.
	discard Value
	// skip is above zero inside a child past MaxKeptChildren, whose
	// values are checked but not built.
	skip int
	// values counts every value of the first pass, kept the ones the
	// second will build.
	values, kept int

	// line tracking for the second pass: the current line, where it
	// starts, and the column cached at colOff (positions are asked for in
	// increasing order).
	line      int32
	lineStart int
	colOff    int
	col       int32
}

func (p *jsonParser) fail(off int, msg string) *JSONError {
	return &JSONError{Offset: off, Msg: msg}
}

func wrapPathSeg(err error, s pathSeg) error {
	if se, ok := err.(*JSONError); ok {
		se.segs = append(se.segs, s)
	}
	return err
}

// pos is the line and column of offset off, which must be on the current
// line and not before the last position asked for.
func (p *jsonParser) pos(off int) (int32, int32) {
	if p.colOff < p.lineStart {
		p.colOff, p.col = p.lineStart, 1
	}
	seg := p.s[p.colOff:off]
	n := len(seg)
	for i := 0; i < len(seg); i++ {
		if seg[i] >= utf8.RuneSelf {
			n = utf8.RuneCountInString(seg)
			break
		}
	}
	p.col += int32(n)
	p.colOff = off
	return p.line, p.col
}

// ws skips JSON whitespace, counting lines.
func (p *jsonParser) ws() {
	s := p.s
	for p.i < len(s) {
		switch s[p.i] {
		case ' ', '\t':
			p.i++
		case '\n':
			p.i++
			p.line++
			p.lineStart = p.i
		case '\r':
			p.i++
			if p.i < len(s) && s[p.i] == '\n' {
				p.i++
			}
			p.line++
			p.lineStart = p.i
		default:
			return
		}
	}
}

// open starts the children of container n: in the first pass it returns
// the index of its count, in the second its children's slots.
func (p *jsonParser) open(n *Value) (int, []Value) {
	if !p.build {
		p.counts = append(p.counts, 0)
		return len(p.counts) - 1, nil
	}
	total := int(p.counts[p.next])
	p.next++
	n.Total = int32(total)
	k := min(total, MaxKeptChildren)
	if p.skip > 0 || k == 0 {
		return 0, nil
	}
	kids := p.arena[p.used : p.used+k : p.used+k]
	p.used += k
	return 0, kids
}

// child parses the k-th child of a container into dst, which is nil in
// the first pass and past MaxKeptChildren.
func (p *jsonParser) child(k int, dst *Value) error {
	if k >= MaxKeptChildren {
		p.skip++
		defer func() { p.skip-- }()
	}
	return p.value(dst)
}

// value parses the value at p.i into dst (nil in the first pass).
func (p *jsonParser) value(dst *Value) error {
	if p.i >= len(p.s) {
		return p.fail(p.i, "unexpected end of file: expected a value")
	}
	if !p.build {
		if p.values++; p.values > MaxJSONValues {
			return p.fail(p.i, fmt.Sprintf("the file holds more than %d JSON values; such files are not read (a million labels take two million)", MaxJSONValues))
		}
		if p.skip == 0 {
			p.kept++
		}
	}
	if dst == nil {
		dst = &p.discard
	} else {
		dst.Line, dst.Col = p.pos(p.i)
	}
	c := p.s[p.i]
	var err error
	switch {
	case c == '{':
		dst.Kind = ObjectValue
		err = p.object(dst)
	case c == '[':
		dst.Kind = ArrayValue
		err = p.array(dst)
	case c == '"':
		dst.Kind = StringValue
		dst.Text, err = p.str()
	case c == '-' || c >= '0' && c <= '9':
		dst.Kind = NumberValue
		dst.Text, err = p.number()
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$':
		err = p.literal(dst)
	default:
		err = p.fail(p.i, p.unexpectedValue(p.i))
	}
	return err
}

func (p *jsonParser) enter(open int) error {
	p.depth++
	if p.depth > MaxJSONDepth {
		return p.fail(open, fmt.Sprintf("nesting is deeper than %d levels", MaxJSONDepth))
	}
	return nil
}

func (p *jsonParser) unclosed(open int, what string) error {
	e := offsetPos(p.s, len(p.s))
	return p.fail(open, fmt.Sprintf("the %s opened here is never closed: the file ends at line %d, column %d", what, e.Line, e.Col))
}

// slot returns the k-th child's destination in the second pass, nil when
// the child is not built.
func (p *jsonParser) slot(kids []Value, k int) *Value {
	if !p.build || k >= len(kids) {
		return nil
	}
	return &kids[k]
}

// close consumes a closing bracket and, in the counting pass, records how
// many children the container had.
func (p *jsonParser) close(ci, count int) error {
	p.i++
	p.depth--
	if !p.build {
		p.counts[ci] = int32(count)
	}
	return nil
}

func (p *jsonParser) object(n *Value) error {
	open := p.i
	p.i++
	if err := p.enter(open); err != nil {
		return err
	}
	ci, kids := p.open(n)
	n.Kids = kids
	count := 0
	done := func() error { return p.close(ci, count) }
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		return done()
	}
	for {
		if p.i >= len(p.s) {
			return p.unclosed(open, "object")
		}
		if p.s[p.i] != '"' {
			return p.fail(p.i, p.badKey(p.i))
		}
		child := p.slot(kids, count)
		if child != nil {
			child.KeyLine, child.KeyCol = p.pos(p.i)
		}
		key, err := p.str()
		if err != nil {
			return err
		}
		p.ws()
		if p.i >= len(p.s) {
			return p.unclosed(open, "object")
		}
		if p.s[p.i] != ':' {
			if msg := p.commentMsg(p.i); msg != "" {
				return p.fail(p.i, msg)
			}
			return p.fail(p.i, fmt.Sprintf("expected `:` after the key %q, found %s", key, describeAt(p.s, p.i)))
		}
		p.i++
		p.ws()
		if err := p.child(count, child); err != nil {
			return wrapPathSeg(err, pathSeg{key: key})
		}
		if child != nil {
			child.Key = key
		}
		count++
		end := p.i
		p.ws()
		if p.i >= len(p.s) {
			return p.unclosed(open, "object")
		}
		switch c := p.s[p.i]; c {
		case ',':
			comma := p.i
			p.i++
			p.ws()
			if p.i < len(p.s) && p.s[p.i] == '}' {
				return p.fail(comma, "trailing comma before `}`: remove the comma after the last member")
			}
		case '}':
			return done()
		case '"':
			next := offsetPos(p.s, p.i)
			return p.fail(end, fmt.Sprintf("missing `,` after the value of %q (the next key starts at line %d, column %d)", key, next.Line, next.Col))
		default:
			if msg := p.commentMsg(p.i); msg != "" {
				return p.fail(p.i, msg)
			}
			if startsJSONValue(c) {
				return p.fail(end, fmt.Sprintf("missing `,` after the value of %q; object members are \"key\": value pairs separated by commas", key))
			}
			return p.fail(p.i, fmt.Sprintf("expected `,` or `}` after the value of %q, found %s", key, describeAt(p.s, p.i)))
		}
	}
}

func (p *jsonParser) array(n *Value) error {
	open := p.i
	p.i++
	if err := p.enter(open); err != nil {
		return err
	}
	ci, kids := p.open(n)
	n.Kids = kids
	count := 0
	done := func() error { return p.close(ci, count) }
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		return done()
	}
	for {
		if p.i >= len(p.s) {
			return p.unclosed(open, "array")
		}
		if err := p.child(count, p.slot(kids, count)); err != nil {
			return wrapPathSeg(err, pathSeg{idx: count, isIdx: true})
		}
		count++
		end := p.i
		p.ws()
		if p.i >= len(p.s) {
			return p.unclosed(open, "array")
		}
		switch c := p.s[p.i]; c {
		case ',':
			comma := p.i
			p.i++
			p.ws()
			if p.i < len(p.s) && p.s[p.i] == ']' {
				return p.fail(comma, "trailing comma before `]`: remove the comma after the last item")
			}
		case ']':
			return done()
		default:
			if msg := p.commentMsg(p.i); msg != "" {
				return p.fail(p.i, msg)
			}
			if startsJSONValue(c) {
				next := offsetPos(p.s, p.i)
				return p.fail(end, fmt.Sprintf("missing `,` between array items (the next item starts at line %d, column %d)", next.Line, next.Col))
			}
			return p.fail(p.i, fmt.Sprintf("expected `,` or `]` after an array item, found %s", describeAt(p.s, p.i)))
		}
	}
}

func startsJSONValue(c byte) bool {
	return c == '{' || c == '[' || c == '"' || c == '-' || c >= '0' && c <= '9' || c == 't' || c == 'f' || c == 'n'
}

// jsonStrStop marks the bytes that end the fast scan of a string.
var jsonStrStop = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'] = true
	t['\\'] = true
	return t
}()

// str reads a string at p.i (an opening quote).
func (p *jsonParser) str() (string, error) {
	s := p.s
	open := p.i
	j := open + 1
	for j < len(s) && !jsonStrStop[s[j]] {
		j++
	}
	if j < len(s) && s[j] == '"' {
		p.i = j + 1
		return s[open+1 : j], nil
	}
	var b strings.Builder
	b.WriteString(s[open+1 : j])
	for {
		if j >= len(s) {
			return "", p.fail(open, "this string is never closed: add the closing `\"`")
		}
		c := s[j]
		switch {
		case c == '"':
			p.i = j + 1
			return b.String(), nil
		case c == '\\':
			if j+1 >= len(s) {
				return "", p.fail(open, "this string is never closed: add the closing `\"`")
			}
			switch e := s[j+1]; e {
			case '"', '\\', '/':
				b.WriteByte(e)
				j += 2
			case 'b':
				b.WriteByte('\b')
				j += 2
			case 'f':
				b.WriteByte('\f')
				j += 2
			case 'n':
				b.WriteByte('\n')
				j += 2
			case 'r':
				b.WriteByte('\r')
				j += 2
			case 't':
				b.WriteByte('\t')
				j += 2
			case 'u':
				r, ok := jsonHex4(s, j+2)
				if !ok {
					return "", p.fail(j, "invalid `\\u` escape: it needs four hex digits, as in \\u00e9")
				}
				j += 6
				if r >= 0xD800 && r < 0xDC00 && j+1 < len(s) && s[j] == '\\' && s[j+1] == 'u' {
					if r2, ok := jsonHex4(s, j+2); ok && r2 >= 0xDC00 && r2 < 0xE000 {
						r = (r-0xD800)<<10 + (r2 - 0xDC00) + 0x10000
						j += 6
					}
				}
				if r >= 0xD800 && r < 0xE000 {
					r = utf8.RuneError // a lone surrogate
				}
				b.WriteRune(r)
			default:
				return "", p.fail(j, fmt.Sprintf("invalid escape `\\%s` in a string; JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX", printableAt(s, j+1)))
			}
		case c < 0x20:
			if (c == '\n' || c == '\r') && !strings.Contains(s[j:], `"`) {
				return "", p.fail(open, "this string is never closed: add the closing `\"`")
			}
			return "", p.fail(j, controlCharMsg(c))
		default:
			k := j
			for k < len(s) && !jsonStrStop[s[k]] {
				k++
			}
			b.WriteString(s[j:k])
			j = k
		}
	}
}

func controlCharMsg(c byte) string {
	switch c {
	case '\n', '\r':
		return "line break inside a string: JSON strings can't span lines; write \\n for a line break or join the lines"
	case '\t':
		return "tab character inside a string: write \\t instead"
	}
	return fmt.Sprintf("control character U+%04X inside a string: write it as \\u%04x", c, c)
}

func jsonHex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c-'a') + 10
		case c >= 'A' && c <= 'F':
			r |= rune(c-'A') + 10
		default:
			return 0, false
		}
	}
	return r, true
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// number reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *jsonParser) number() (string, error) {
	s := p.s
	start := p.i
	j := p.i
	if s[j] == '-' {
		j++
	}
	switch {
	case j >= len(s) || !isDigitByte(s[j]):
		return "", p.fail(start, "`-` must be followed by a digit")
	case s[j] == '0':
		j++
		if j < len(s) && isDigitByte(s[j]) {
			return "", p.fail(start, "numbers can't have leading zeros")
		}
	default:
		for j < len(s) && isDigitByte(s[j]) {
			j++
		}
	}
	if j < len(s) && s[j] == '.' {
		j++
		if j >= len(s) || !isDigitByte(s[j]) {
			return "", p.fail(j-1, "a decimal point must be followed by a digit")
		}
		for j < len(s) && isDigitByte(s[j]) {
			j++
		}
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		e := j
		j++
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j >= len(s) || !isDigitByte(s[j]) {
			return "", p.fail(e, "an exponent must have digits")
		}
		for j < len(s) && isDigitByte(s[j]) {
			j++
		}
	}
	p.i = j
	return s[start:j], nil
}

func isJSONWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
}

func (p *jsonParser) literal(n *Value) error {
	s := p.s
	j := p.i
	for j < len(s) && isJSONWordByte(s[j]) {
		j++
	}
	w := s[p.i:j]
	switch w {
	case "true", "false":
		n.Kind, n.Text = BoolValue, w
	case "null":
		n.Kind, n.Text = NullValue, w
	default:
		switch strings.ToLower(w) {
		case "true", "false", "null", "none":
			return p.fail(p.i, fmt.Sprintf("`%s` is not a JSON value; JSON spells its literals true, false and null (lowercase)", w))
		case "nan", "infinity", "undefined":
			return p.fail(p.i, fmt.Sprintf("`%s` is not a JSON value", w))
		}
		return p.fail(p.i, fmt.Sprintf("`%s` is not a JSON value; strings need double quotes", w))
	}
	p.i = j
	return nil
}

// commentMsg says what is wrong when a comment or a "..." placeholder
// starts at i, or returns "".
func (p *jsonParser) commentMsg(i int) string {
	rest := p.s[i:]
	switch {
	case strings.HasPrefix(rest, "//"), strings.HasPrefix(rest, "/*"):
		return "comments are not allowed in JSON; delete the comment"
	case strings.HasPrefix(rest, "#"):
		return "`#` comments are not allowed in JSON; delete the comment"
	case strings.HasPrefix(rest, "..."), strings.HasPrefix(rest, "…"):
		return "`...` is a documentation placeholder, not JSON: write out the values or delete it"
	}
	return ""
}

func (p *jsonParser) unexpectedValue(i int) string {
	if msg := p.commentMsg(i); msg != "" {
		return msg
	}
	switch c := p.s[i]; c {
	case '\'':
		return "strings must use double quotes (\"), not single quotes"
	case '+':
		return "numbers can't start with `+`"
	case '.':
		return "numbers can't start with `.`; write 0.5, not .5"
	case ']', '}':
		return fmt.Sprintf("unexpected `%c`: expected a value", c)
	case ',':
		return "unexpected `,`: expected a value (is there an extra comma?)"
	}
	if r, _ := utf8.DecodeRuneInString(p.s[i:]); r == '“' || r == '”' || r == '‘' || r == '’' {
		return fmt.Sprintf("typographic quote `%c` is not a JSON quote; use a straight double quote (\")", r)
	}
	return fmt.Sprintf("unexpected %s: expected a value (an object, array, string, number, true, false or null)", describeAt(p.s, i))
}

func (p *jsonParser) badKey(i int) string {
	if msg := p.commentMsg(i); msg != "" {
		return msg
	}
	c := p.s[i]
	switch {
	case c == '\'':
		return "object keys must be double-quoted strings, not single-quoted"
	case c == ',':
		return "unexpected `,`: expected a key (is there an extra comma?)"
	case isJSONWordByte(c):
		j := i
		for j < len(p.s) && isJSONWordByte(p.s[j]) {
			j++
		}
		return fmt.Sprintf("object keys must be double-quoted strings: write \"%s\"", p.s[i:j])
	}
	if r, _ := utf8.DecodeRuneInString(p.s[i:]); r == '“' || r == '”' {
		return fmt.Sprintf("typographic quote `%c` is not a JSON quote; use a straight double quote (\")", r)
	}
	return fmt.Sprintf("expected a double-quoted key, found %s", describeAt(p.s, i))
}

// describeAt names the character at i for a message.
func describeAt(s string, i int) string {
	if i >= len(s) {
		return "the end of the file"
	}
	c := s[i]
	switch {
	case c == '"':
		return "a string"
	case c == '{' || c == '[':
		return fmt.Sprintf("`%c`", c)
	case c < 0x20 || c == 0x7f:
		return fmt.Sprintf("control character U+%04X", c)
	case isJSONWordByte(c):
		j := i
		for j < len(s) && isJSONWordByte(s[j]) && j-i < 20 {
			j++
		}
		return fmt.Sprintf("`%s`", s[i:j])
	}
	return fmt.Sprintf("`%s`", printableAt(s, i))
}

func printableAt(s string, i int) string {
	r, n := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError || r < 0x20 {
		return fmt.Sprintf("U+%04X", s[i])
	}
	return s[i : i+n]
}

// findDuplicateKeys lists repeated keys, walking the finished tree. The path
// is built only when a repeat is found.
func findDuplicateKeys(n *Value, stack *[]pathSeg, out *[]Duplicate) {
	switch n.Kind {
	case ObjectValue:
		kids := n.Kids
		if len(kids) > 1 {
			report := func(first, dup int) {
				*stack = append(*stack, pathSeg{key: kids[dup].Key})
				path := joinPathSegs(*stack)
				*out = append(*out, Duplicate{Key: kids[dup].Key, Path: path, Pos: kids[dup].KeyPos(), First: kids[first].KeyPos()})
				*stack = (*stack)[:len(*stack)-1]
			}
			if len(kids) <= 8 {
				for j := 1; j < len(kids); j++ {
					for i := 0; i < j; i++ {
						if kids[i].Key == kids[j].Key {
							report(i, j)
							break
						}
					}
				}
			} else {
				seen := make(map[string]int, len(kids))
				for j := range kids {
					if i, ok := seen[kids[j].Key]; ok {
						report(i, j)
						continue
					}
					seen[kids[j].Key] = j
				}
			}
		}
		for i := range kids {
			*stack = append(*stack, pathSeg{key: kids[i].Key})
			findDuplicateKeys(&kids[i], stack, out)
			*stack = (*stack)[:len(*stack)-1]
		}
	case ArrayValue:
		for i := range n.Kids {
			*stack = append(*stack, pathSeg{idx: i, isIdx: true})
			findDuplicateKeys(&n.Kids[i], stack, out)
			*stack = (*stack)[:len(*stack)-1]
		}
	}
}
