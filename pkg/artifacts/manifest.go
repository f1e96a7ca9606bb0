package artifacts

// The input manifest reader. A manifest is JSON Lines: one JSON object per
// line, up to 100,000 characters a line, and a labeling job may list a
// million of them. The reader streams the file through one fixed buffer and
// checks each line with a hand-written single-pass scanner that validates
// JSON syntax (agreeing with encoding/json on what is valid) and records
// only what the manifest rules read: the top-level members with their key
// and value spans, and, for the few keys a caller asks for, the nested
// structure below them (point-cloud frame metadata, audit label metadata).
// Nothing is allocated per line once the reusable buffers have grown to fit
// the widest line, and memory does not depend on the file's size.
//
// The same scanner parses a whole JSON document (a sequence file) with
// every node recorded: ParseDocument.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Documented manifest limits (gt/sms-input-data-input-manifest.md).
const (
	// MaxLineChars is the longest a manifest line may be, in characters.
	MaxLineChars = 100000
	// MaxAttrChars is the longest a top-level attribute value may be, in
	// characters of its JSON text.
	MaxAttrChars = 20000
)

// mfMaxDepth is encoding/json's nesting limit; deeper input is invalid there,
// and so it is here, so that the two agree on every line.
const mfMaxDepth = 10000

// mfBufSize is the read buffer. A line that does not fit is longer than
// 1 MiB, which is more than MaxLineChars characters even at 4 bytes per
// character, so it is reported as too long and skipped without being held.
const mfBufSize = 1 << 20

// NodeKind is the type of a JSON value.
type NodeKind uint8

// The JSON value kinds.
const (
	NodeInvalid NodeKind = iota
	NodeNull
	NodeBool
	NodeNumber
	NodeString
	NodeObject
	NodeArray
)

var mfKindNames = [...]string{"invalid", "null", "boolean", "number", "string", "object", "array"}

func (k NodeKind) String() string {
	if int(k) < len(mfKindNames) {
		return mfKindNames[k]
	}
	return "invalid"
}

// TreeNode is one JSON value in a Tree. Members of an object also carry their
// key. Nodes are only valid until the Tree is reused (the next line).
type TreeNode struct {
	Kind NodeKind
	// esc: the string value contains escape sequences; keyEsc: the key does.
	esc, keyEsc bool
	// full: the children of this object or array are recorded.
	full bool
	// Start and End delimit the value's JSON text in Tree.Src.
	Start, End int32
	// keyStart and keyEnd delimit the key between its quotes (members only).
	keyStart, keyEnd int32
	// first and next link children and siblings by index into Tree.nodes;
	// 0 means none (node 0 is the root, never a child).
	first, next int32
	n           int32 // number of recorded children
}

// Tree is a parsed JSON text: its bytes and the nodes recorded for it.
type Tree struct {
	// Src is the JSON text. For a manifest line it aliases the reader's
	// buffer and is only valid until the next call to Next.
	Src     []byte
	nodes   []TreeNode
	scratch []byte
}

// Root returns the top-level value, or nil when nothing was recorded (the
// text is not valid JSON).
func (d *Tree) Root() *TreeNode {
	if len(d.nodes) == 0 {
		return nil
	}
	return &d.nodes[0]
}

// Recorded reports whether the children of an object or array were
// recorded, so that Child, Get and Index can see them.
func (d *Tree) Recorded(n *TreeNode) bool { return n != nil && n.full }

// Child returns the first recorded child of n, or nil.
func (d *Tree) Child(n *TreeNode) *TreeNode {
	if n == nil || n.first == 0 {
		return nil
	}
	return &d.nodes[n.first]
}

// Next returns the next sibling of n, or nil.
func (d *Tree) Next(n *TreeNode) *TreeNode {
	if n == nil || n.next == 0 {
		return nil
	}
	return &d.nodes[n.next]
}

// Len is the number of recorded children of n.
func (d *Tree) Len(n *TreeNode) int {
	if n == nil {
		return 0
	}
	return int(n.n)
}

// Index returns the i-th recorded child of n, or nil.
func (d *Tree) Index(n *TreeNode, i int) *TreeNode {
	c := d.Child(n)
	for ; c != nil && i > 0; i-- {
		c = d.Next(c)
	}
	return c
}

// Get returns the member key of the object n, or nil. With duplicate keys
// the last one wins, as in encoding/json.
func (d *Tree) Get(n *TreeNode, key string) *TreeNode {
	if n == nil || n.Kind != NodeObject {
		return nil
	}
	var found *TreeNode
	for c := d.Child(n); c != nil; c = d.Next(c) {
		if d.KeyIs(c, key) {
			found = c
		}
	}
	return found
}

// KeyIs reports whether the member n has the (decoded) key.
func (d *Tree) KeyIs(n *TreeNode, key string) bool {
	raw := d.Src[n.keyStart:n.keyEnd]
	if !n.keyEsc {
		return string(raw) == key
	}
	return string(d.unquote(raw)) == key
}

// Key returns the decoded key of the member n. The result may live in a
// scratch buffer that is reused with the Tree.
func (d *Tree) Key(n *TreeNode) []byte {
	raw := d.Src[n.keyStart:n.keyEnd]
	if !n.keyEsc {
		return raw
	}
	return d.unquote(raw)
}

// Raw returns the JSON text of n.
func (d *Tree) Raw(n *TreeNode) []byte { return d.Src[n.Start:n.End] }

// Chars is the length of n's JSON text in characters.
func (d *Tree) Chars(n *TreeNode) int { return mfCountChars(d.Raw(n)) }

// Str returns the decoded value of a string node; ok is false for other
// kinds. The result may live in a scratch buffer reused with the Tree.
func (d *Tree) Str(n *TreeNode) (s []byte, ok bool) {
	if n == nil || n.Kind != NodeString {
		return nil, false
	}
	raw := d.Src[n.Start+1 : n.End-1]
	if !n.esc {
		return raw, true
	}
	return d.unquote(raw), true
}

// IsInt reports whether n is a number written as an integer (no fraction
// and no exponent).
func (d *Tree) IsInt(n *TreeNode) bool {
	return n != nil && n.Kind == NodeNumber && !bytes.ContainsAny(d.Raw(n), ".eE")
}

// Int returns an integer node's value.
func (d *Tree) Int(n *TreeNode) (int64, bool) {
	if !d.IsInt(n) {
		return 0, false
	}
	v, err := strconv.ParseInt(string(d.Raw(n)), 10, 64)
	return v, err == nil
}

// Float returns a number node's value.
func (d *Tree) Float(n *TreeNode) (float64, bool) {
	if n == nil || n.Kind != NodeNumber {
		return 0, false
	}
	v, err := strconv.ParseFloat(string(d.Raw(n)), 64)
	return v, err == nil
}

// unquote decodes the escapes of a raw string body into the scratch buffer,
// as encoding/json does (invalid surrogates become U+FFFD).
func (d *Tree) unquote(raw []byte) []byte {
	start := len(d.scratch)
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '\\' {
			d.scratch = append(d.scratch, c)
			i++
			continue
		}
		if i+1 >= len(raw) {
			break
		}
		switch raw[i+1] {
		case 'b':
			d.scratch = append(d.scratch, '\b')
		case 'f':
			d.scratch = append(d.scratch, '\f')
		case 'n':
			d.scratch = append(d.scratch, '\n')
		case 'r':
			d.scratch = append(d.scratch, '\r')
		case 't':
			d.scratch = append(d.scratch, '\t')
		case 'u':
			r := mfHex4(raw[i+2:])
			i += 6
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
					r2 = mfHex4(raw[i+2:])
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					r = dec
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			d.scratch = utf8.AppendRune(d.scratch, r)
			continue
		default: // '"', '\\', '/'
			d.scratch = append(d.scratch, raw[i+1])
		}
		i += 2
	}
	return d.scratch[start:len(d.scratch):len(d.scratch)]
}

func mfHex4(b []byte) rune {
	if len(b) < 4 {
		return utf8.RuneError
	}
	var r rune
	for _, c := range b[:4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return utf8.RuneError
		}
	}
	return r
}

// ---------------------------------------------------------------------------
// The scanner.

// mfOnes has 1 in every byte, for word-at-a-time (SWAR) tests.
const mfOnes = 0x0101010101010101

// mfStrPlain marks the bytes a string body can hold without a closer look:
// printable ASCII other than the quote and the backslash.
var mfStrPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// ScanError describes why a text is not valid JSON.
type ScanError struct {
	Msg    string
	Offset int // byte offset of the offending byte
}

func (e *ScanError) Error() string {
	return e.Msg + " at offset " + strconv.Itoa(e.Offset)
}

// Error messages; constant strings, so a bad line allocates nothing.
const (
	mfErrEOF      = "unexpected end of JSON input"
	mfErrChar     = "invalid character"
	mfErrCtrl     = "invalid control character in string literal"
	mfErrEscape   = "invalid escape sequence in string literal"
	mfErrDepth    = "exceeded max nesting depth (10000)"
	mfErrTrailing = "invalid character after top-level value"
	mfErrKey      = "object key must be a string"
	mfErrColon    = "missing ':' after object key"
	mfErrAfterVal = "expected ',' or the closing bracket after a value"
	mfErrNumber   = "malformed number"
	mfErrLiteral  = "invalid literal"
)

// mfParser is the scanning state, reused across lines.
type mfParser struct {
	d     *Tree
	b     []byte
	depth int
	// stack holds one bit per open container while skipping: 1 = object.
	stack [mfMaxDepth/64 + 1]uint64
	// deep decides which top-level members of a line get their whole value
	// recorded.
	deep func(key []byte) bool

	err    string
	errOff int
	// badUTF8 is the offset of the first invalid UTF-8 byte, or -1.
	badUTF8 int
}

func (p *mfParser) fail(msg string, off int) {
	if p.err == "" {
		p.err, p.errOff = msg, off
	}
}

func mfSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (p *mfParser) ws(i int) int {
	b := p.b
	for i < len(b) && mfSpace(b[i]) {
		i++
	}
	return i
}

// str scans a string body starting after the opening quote. It returns the
// index after the closing quote, whether the body has escapes, and false on
// a syntax error.
func (p *mfParser) str(i int) (int, bool, bool) {
	b := p.b
	esc := false
	for {
		// Fast path: eight bytes at a time while none of them is a quote,
		// a backslash, a control byte or non-ASCII (SWAR: a word's high
		// bits flag the bytes below 0x20, the bytes equal to '"' or '\\',
		// and the bytes of 0x80 and above).
		for i+8 <= len(b) {
			x := binary.LittleEndian.Uint64(b[i:])
			q, bs := x^(mfOnes*'"'), x^(mfOnes*'\\')
			if ((x-mfOnes*0x20)&^x|(q-mfOnes)&^q|(bs-mfOnes)&^bs|x)&(mfOnes*0x80) != 0 {
				break
			}
			i += 8
		}
		for i < len(b) && mfStrPlain[b[i]] {
			i++
		}
		if i >= len(b) {
			p.fail(mfErrEOF, i)
			return i, esc, false
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1, esc, true
		case c == '\\':
			esc = true
			if i+1 >= len(b) {
				p.fail(mfErrEOF, i+1)
				return i + 1, esc, false
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for k := i + 2; k < i+6; k++ {
					if k >= len(b) {
						p.fail(mfErrEOF, k)
						return k, esc, false
					}
					if c := b[k]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
						p.fail(mfErrEscape, k)
						return k, esc, false
					}
				}
				i += 6
			default:
				p.fail(mfErrEscape, i+1)
				return i + 1, esc, false
			}
		case c < 0x20:
			p.fail(mfErrCtrl, i)
			return i, esc, false
		default: // non-ASCII: valid JSON either way; UTF-8 validity is noted apart
			if c < utf8.RuneSelf+0x40 { // a continuation byte cannot start a character
				p.noteBadUTF8(i)
				i++
				continue
			}
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				p.noteBadUTF8(i)
			}
			i += size
		}
	}
}

func (p *mfParser) noteBadUTF8(i int) {
	if p.badUTF8 < 0 {
		p.badUTF8 = i
	}
}

// num scans a number starting at i.
func (p *mfParser) num(i int) (int, bool) {
	b := p.b
	if b[i] == '-' {
		i++
		if i >= len(b) {
			p.fail(mfErrEOF, i)
			return i, false
		}
	}
	switch {
	case b[i] == '0':
		i++
	case b[i] >= '1' && b[i] <= '9':
		i++
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	default:
		p.fail(mfErrNumber, i)
		return i, false
	}
	if i < len(b) && b[i] == '.' {
		var ok bool
		if i, ok = p.digits(i + 1); !ok {
			return i, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		var ok bool
		if i, ok = p.digits(i); !ok {
			return i, false
		}
	}
	return i, true
}

// digits scans one or more decimal digits starting at i (a fraction or an
// exponent).
func (p *mfParser) digits(i int) (int, bool) {
	b := p.b
	if i >= len(b) {
		p.fail(mfErrEOF, i)
		return i, false
	}
	if b[i] < '0' || b[i] > '9' {
		p.fail(mfErrNumber, i)
		return i, false
	}
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i, true
}

func (p *mfParser) lit(i int, word string) (int, bool) {
	b := p.b
	for k := 0; k < len(word); k++ {
		if i+k >= len(b) {
			p.fail(mfErrEOF, i+k)
			return i + k, false
		}
		if b[i+k] != word[k] {
			p.fail(mfErrLiteral, i+k)
			return i + k, false
		}
	}
	return i + len(word), true
}

// scalar scans a non-container value at i (no leading space).
func (p *mfParser) scalar(i int) (NodeKind, int, bool, bool) {
	switch c := p.b[i]; {
	case c == '"':
		end, esc, ok := p.str(i + 1)
		return NodeString, end, esc, ok
	case c == '-' || c >= '0' && c <= '9':
		end, ok := p.num(i)
		return NodeNumber, end, false, ok
	case c == 't':
		end, ok := p.lit(i, "true")
		return NodeBool, end, false, ok
	case c == 'f':
		end, ok := p.lit(i, "false")
		return NodeBool, end, false, ok
	case c == 'n':
		end, ok := p.lit(i, "null")
		return NodeNull, end, false, ok
	}
	p.fail(mfErrChar, i)
	return NodeInvalid, i, false, false
}

func (p *mfParser) push(obj bool) bool {
	if p.depth >= mfMaxDepth {
		return false
	}
	w, bit := p.depth>>6, uint(p.depth&63)
	if obj {
		p.stack[w] |= 1 << bit
	} else {
		p.stack[w] &^= 1 << bit
	}
	p.depth++
	return true
}

func (p *mfParser) topIsObj() bool {
	d := p.depth - 1
	return p.stack[d>>6]&(1<<uint(d&63)) != 0
}

// skip validates the value at i (no leading space) without recording
// anything below it; it loops instead of recursing, with one bit of stack
// per open container.
func (p *mfParser) skip(i int) (NodeKind, int, bool, bool) {
	b := p.b
	base := p.depth
	var kind NodeKind
	esc := false
	for {
		// A value is expected at i.
		if i >= len(b) {
			p.fail(mfErrEOF, i)
			return kind, i, esc, false
		}
		switch c := b[i]; c {
		case '{', '[':
			if p.depth == base {
				kind = NodeArray
				if c == '{' {
					kind = NodeObject
				}
			}
			if !p.push(c == '{') {
				p.fail(mfErrDepth, i)
				return kind, i, esc, false
			}
			i = p.ws(i + 1)
			if i >= len(b) {
				p.fail(mfErrEOF, i)
				return kind, i, esc, false
			}
			if b[i] == '}' && c == '{' || b[i] == ']' && c == '[' {
				p.depth--
				i++
				break
			}
			if c == '{' {
				var ok bool
				if i, ok = p.key(i); !ok {
					return kind, i, esc, false
				}
			}
			continue
		default:
			k, end, e, ok := p.scalar(i)
			if !ok {
				return kind, end, esc, false
			}
			if p.depth == base {
				kind, esc = k, e
			}
			i = end
		}
		// A value ended at i: close containers until the next value.
		for {
			if p.depth == base {
				return kind, i, esc, true
			}
			i = p.ws(i)
			if i >= len(b) {
				p.fail(mfErrEOF, i)
				return kind, i, esc, false
			}
			c := b[i]
			if c == ',' {
				i = p.ws(i + 1)
				if p.topIsObj() {
					var ok bool
					if i, ok = p.key(i); !ok {
						return kind, i, esc, false
					}
				}
				break
			}
			if p.topIsObj() && c == '}' || !p.topIsObj() && c == ']' {
				p.depth--
				i++
				continue
			}
			p.fail(mfErrAfterVal, i)
			return kind, i, esc, false
		}
	}
}

// key scans `"key" :` and the space after it, for a skipped object.
func (p *mfParser) key(i int) (int, bool) {
	b := p.b
	if i >= len(b) {
		p.fail(mfErrEOF, i)
		return i, false
	}
	if b[i] != '"' {
		p.fail(mfErrKey, i)
		return i, false
	}
	i, _, ok := p.str(i + 1)
	if !ok {
		return i, false
	}
	i = p.ws(i)
	if i >= len(b) {
		p.fail(mfErrEOF, i)
		return i, false
	}
	if b[i] != ':' {
		p.fail(mfErrColon, i)
		return i, false
	}
	return p.ws(i + 1), true
}

// add appends a node and returns its index.
func (p *mfParser) add(n TreeNode) int32 {
	p.d.nodes = append(p.d.nodes, n)
	return int32(len(p.d.nodes) - 1)
}

// value parses the value at i (no leading space) into node idx, which the
// caller has appended. mode: 0 = skip below, 1 = record the members of
// this object (a manifest line), 2 = record everything below.
func (p *mfParser) value(i int, idx int32, mode int) (int, bool) {
	b := p.b
	if i >= len(b) {
		p.fail(mfErrEOF, i)
		return i, false
	}
	c := b[i]
	if c != '{' && c != '[' {
		kind, end, esc, ok := p.scalar(i)
		n := &p.d.nodes[idx]
		n.Kind, n.Start, n.End, n.esc = kind, int32(i), int32(end), esc
		return end, ok
	}
	if mode == 0 {
		kind, end, esc, ok := p.skip(i)
		n := &p.d.nodes[idx]
		n.Kind, n.Start, n.End, n.esc = kind, int32(i), int32(end), esc
		return end, ok
	}
	if !p.push(c == '{') {
		p.fail(mfErrDepth, i)
		return i, false
	}
	n := &p.d.nodes[idx]
	n.Start, n.full = int32(i), true
	n.Kind = NodeArray
	closer := byte(']')
	if c == '{' {
		n.Kind, closer = NodeObject, '}'
	}
	i = p.ws(i + 1)
	if i < len(b) && b[i] == closer {
		p.depth--
		p.d.nodes[idx].End = int32(i + 1)
		return i + 1, true
	}
	var last int32
	for {
		child := p.add(TreeNode{})
		if c == '{' {
			if i >= len(b) {
				p.fail(mfErrEOF, i)
				return i, false
			}
			if b[i] != '"' {
				p.fail(mfErrKey, i)
				return i, false
			}
			ks := i + 1
			end, kesc, ok := p.str(ks)
			if !ok {
				return end, false
			}
			cn := &p.d.nodes[child]
			cn.keyStart, cn.keyEnd, cn.keyEsc = int32(ks), int32(end-1), kesc
			i = p.ws(end)
			if i >= len(b) {
				p.fail(mfErrEOF, i)
				return i, false
			}
			if b[i] != ':' {
				p.fail(mfErrColon, i)
				return i, false
			}
			i = p.ws(i + 1)
		}
		sub := 0
		if mode == 2 || mode == 1 && p.deep != nil && p.deep(p.d.Key(&p.d.nodes[child])) {
			sub = 2
		}
		end, ok := p.value(i, child, sub)
		if !ok {
			return end, false
		}
		if last == 0 {
			p.d.nodes[idx].first = child
		} else {
			p.d.nodes[last].next = child
		}
		last = child
		p.d.nodes[idx].n++
		i = p.ws(end)
		if i >= len(b) {
			p.fail(mfErrEOF, i)
			return i, false
		}
		if b[i] == ',' {
			i = p.ws(i + 1)
			continue
		}
		if b[i] == closer {
			p.depth--
			p.d.nodes[idx].End = int32(i + 1)
			return i + 1, true
		}
		p.fail(mfErrAfterVal, i)
		return i, false
	}
}

// parse parses b as one JSON text into d. mode as for value. It returns
// false on a syntax error (p.err says which).
func (p *mfParser) parse(d *Tree, b []byte, mode int) bool {
	p.d, p.b = d, b
	d.Src = b
	d.nodes = d.nodes[:0]
	d.scratch = d.scratch[:0]
	p.depth = 0
	p.err, p.errOff = "", 0
	p.badUTF8 = -1
	i := p.ws(0)
	if i >= len(b) {
		p.fail(mfErrEOF, i)
		return false
	}
	root := p.add(TreeNode{})
	end, ok := p.value(i, root, mode)
	if !ok {
		return false
	}
	if i = p.ws(end); i < len(b) {
		p.fail(mfErrTrailing, i)
		return false
	}
	return true
}

// ParseDocument parses a whole JSON text (a sequence file) and records
// every node. On a syntax error it returns the Tree so far and a
// *ScanError. Invalid UTF-8 inside strings is not a syntax error (as in
// encoding/json); badUTF8 is the offset of the first invalid byte, or -1.
func ParseDocument(b []byte) (d *Tree, badUTF8 int, err error) {
	d = &Tree{}
	var p mfParser
	if !p.parse(d, b, 2) {
		bad := p.badUTF8
		if bad < 0 && !utf8.Valid(b) {
			bad = mfFirstBadUTF8(b)
		}
		return d, bad, &ScanError{Msg: p.err, Offset: p.errOff}
	}
	return d, p.badUTF8, nil
}

func mfFirstBadUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// ---------------------------------------------------------------------------
// The manifest reader.

// ManifestOptions choose what is recorded below the top-level members of
// each line.
type ManifestOptions struct {
	// Deep lists top-level keys whose whole value is recorded (for example
	// "source-ref-metadata" for point-cloud frame rules).
	Deep []string
	// DeepSuffix records the whole value of every top-level key that ends
	// with it (for example "-metadata" for audit rules); "" for none.
	DeepSuffix string
}

// ManifestLine is one line of the manifest as the scanner saw it. Its Tree (and
// everything reached through it) is only valid until the next call to
// ManifestScanner.Next.
type ManifestLine struct {
	Tree
	// Num is the 1-based line number.
	Num int
	// Offset is the byte offset of the line in the file.
	Offset int64
	// TooLong is set for a line longer than MaxLineChars characters; such a
	// line is not parsed (and may not be held: Src is then nil). LineChars
	// is its length in characters.
	TooLong   bool
	LineChars int
	// Blank is set for an empty or all-space line.
	Blank bool
	// SyntaxErr is "" for valid JSON, else what is wrong at ErrOffset.
	SyntaxErr string
	ErrOffset int
	// NotObject is set for valid JSON that is not an object.
	NotObject bool
	// BadUTF8 is the byte offset of the first invalid UTF-8 byte, or -1.
	BadUTF8 int
}

// IsObject reports whether the line is a complete JSON object, so that its
// members can be read.
func (l *ManifestLine) IsObject() bool {
	return !l.TooLong && !l.Blank && l.SyntaxErr == "" && !l.NotObject
}

// Column converts a byte offset in the line into a 1-based column counted
// in characters.
func (l *ManifestLine) Column(off int) int {
	if off > len(l.Src) {
		off = len(l.Src)
	}
	if off < 0 {
		return 1
	}
	return utf8.RuneCount(l.Src[:off]) + 1
}

// ManifestScanner reads a manifest line by line, in the manner of
// bufio.Scanner:
//
//	sc := artifacts.NewManifestScanner(f, artifacts.ManifestOptions{})
//	for sc.Next() {
//		l := sc.Line()
//		...
//	}
//	if err := sc.Err(); err != nil { ... }
type ManifestScanner struct {
	r    io.Reader
	opts ManifestOptions

	buf        []byte
	start, end int   // unconsumed bytes are buf[start:end]
	scan       int   // buf[start:scan] holds no newline
	base       int64 // file offset of buf[0]
	eof        bool
	err        error

	line   ManifestLine
	p      mfParser
	suffix []byte
}

// NewManifestScanner returns a scanner reading r.
func NewManifestScanner(r io.Reader, opts ManifestOptions) *ManifestScanner {
	s := &ManifestScanner{r: r, opts: opts, buf: make([]byte, mfBufSize), suffix: []byte(opts.DeepSuffix)}
	if len(opts.Deep) > 0 || opts.DeepSuffix != "" {
		s.p.deep = s.deep
	}
	return s
}

func (s *ManifestScanner) deep(key []byte) bool {
	for _, k := range s.opts.Deep {
		if string(key) == k {
			return true
		}
	}
	return len(s.suffix) > 0 && bytes.HasSuffix(key, s.suffix)
}

// Line returns the current line.
func (s *ManifestScanner) Line() *ManifestLine { return &s.line }

// Err returns the first read error (not io.EOF).
func (s *ManifestScanner) Err() error { return s.err }

// Next advances to the next line and reports whether there is one. A final
// newline does not start another line.
func (s *ManifestScanner) Next() bool {
	if s.err != nil {
		return false
	}
	for {
		if i := bytes.IndexByte(s.buf[s.scan:s.end], '\n'); i >= 0 {
			nl := s.scan + i
			line, off := s.buf[s.start:nl], s.base+int64(s.start)
			s.start, s.scan = nl+1, nl+1
			s.process(line, off)
			return true
		}
		s.scan = s.end
		if s.eof {
			if s.start < s.end {
				line, off := s.buf[s.start:s.end], s.base+int64(s.start)
				s.start, s.scan = s.end, s.end
				s.process(line, off)
				return true
			}
			return false
		}
		if s.start > 0 {
			copy(s.buf, s.buf[s.start:s.end])
			s.end -= s.start
			s.scan -= s.start
			s.base += int64(s.start)
			s.start = 0
		}
		if s.end == len(s.buf) {
			return s.skipLong()
		}
		if !s.fill() {
			return false
		}
	}
}

// fill reads more bytes into the buffer; false on a read error.
func (s *ManifestScanner) fill() bool {
	for tries := 0; tries < 100; tries++ {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if errors.Is(err, io.EOF) {
			s.eof = true
			return true
		}
		if err != nil {
			s.err = err
			return false
		}
		if n > 0 {
			return true
		}
	}
	s.err = io.ErrNoProgress
	return false
}

// skipLong consumes a line that does not fit the buffer, counting its
// characters, and reports it as TooLong.
func (s *ManifestScanner) skipLong() bool {
	l := &s.line
	l.reset(s.base)
	chars := 0
	var last byte
	for {
		i := bytes.IndexByte(s.buf[s.start:s.end], '\n')
		chunk := s.buf[s.start:s.end]
		if i >= 0 {
			chunk = chunk[:i]
		}
		chars += mfCountChars(chunk)
		if len(chunk) > 0 {
			last = chunk[len(chunk)-1]
		}
		if i >= 0 {
			s.start += i + 1
			s.scan = s.start
			break
		}
		s.base += int64(s.end)
		s.start, s.end, s.scan = 0, 0, 0
		if s.eof {
			break
		}
		if !s.fill() {
			return false
		}
	}
	if last == '\r' {
		chars--
	}
	l.TooLong, l.LineChars = true, chars
	return true
}

// mfCountChars counts the characters of UTF-8 text: the bytes that do not
// continue a character. Unlike utf8.RuneCount it gives the same total when
// the text arrives in chunks that split a character.
func mfCountChars(b []byte) int {
	n := len(b)
	for _, c := range b {
		if c&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

func (l *ManifestLine) reset(off int64) {
	l.Num++
	l.Offset = off
	l.Src = nil
	l.nodes = l.nodes[:0]
	l.scratch = l.scratch[:0]
	l.TooLong, l.LineChars, l.Blank, l.NotObject = false, 0, false, false
	l.SyntaxErr, l.ErrOffset, l.BadUTF8 = "", 0, -1
}

// process checks one line (without its newline).
func (s *ManifestScanner) process(b []byte, off int64) {
	l := &s.line
	l.reset(off)
	if len(b) > 0 && b[len(b)-1] == '\r' {
		b = b[:len(b)-1]
	}
	l.Src = b
	if len(b) > MaxLineChars {
		if n := mfCountChars(b); n > MaxLineChars {
			l.TooLong, l.LineChars = true, n
			return
		}
	}
	i := 0
	for i < len(b) && mfSpace(b[i]) {
		i++
	}
	if i == len(b) {
		l.Blank = true
		return
	}
	if b[i] != '{' {
		// Valid JSON that is not an object still counts as valid JSON.
		if s.p.parse(&l.Tree, b, 0) {
			l.NotObject = true
		}
	} else {
		s.p.parse(&l.Tree, b, 1)
	}
	l.BadUTF8 = s.p.badUTF8
	if s.p.err != "" {
		l.SyntaxErr, l.ErrOffset = s.p.err, s.p.errOff
		l.nodes = l.nodes[:0]
		if l.BadUTF8 < 0 && !utf8.Valid(b) {
			l.BadUTF8 = mfFirstBadUTF8(b)
		}
	}
}
