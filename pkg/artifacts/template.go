package artifacts

// The worker task template reader: a tolerant scanner for the HTML + Liquid
// files named by HumanTaskConfig.UiConfig.UiTemplateS3Uri (RULES.md GT8xxx).
//
// Ground Truth renders the Liquid first and the browser parses the result,
// so the scan runs in that order:
//
//  1. Liquid: every {{ … }} output and {% … %} tag, with its filters and the
//     variables it reads; block tags are paired (if/endif, unless, for,
//     case, capture, tablerow, comment, raw) and every syntax error is
//     recorded with its position.
//  2. HTML: start and end tags with their attributes, over the same text,
//     treating each Liquid token as opaque (a quote inside {{ … }} does not
//     end an attribute value). Elements form a tree the way a browser
//     builds one, simplified: void elements never open, "/>" on other
//     elements is recorded but ignored (as HTML does, which is why
//     <crowd-input/> is a mistake), an end tag closes the nearest open
//     element of its name and everything opened inside it, and a stray end
//     tag is dropped. <script> and <style> hold raw text.
//
// All work is linear in the input, and what is stored is capped, so a
// hostile file (a million nested {% if %}, a million <a>) costs bounded
// time and memory.

import (
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits of the template reader.
const (
	// MaxTemplateBytes is how much of a template file ReadTemplate scans;
	// SageMaker's own limit is 128,000 characters (GT8130).
	MaxTemplateBytes = 8 << 20
	// MaxTemplateItems caps each stored list (elements, outputs, tags,
	// filters, variables). A template within the API limit has far fewer.
	MaxTemplateItems = 200_000
	// MaxTemplateErrors caps the Liquid syntax errors kept; ErrorCount
	// still counts them all.
	MaxTemplateErrors = 1_000
)

// TemplatePos is a position in the template: a byte offset, and a 1-based
// line and column (in characters).
type TemplatePos struct {
	Offset int
	Line   int
	Col    int
}

// Template is a scanned worker task template.
type Template struct {
	Src string
	// Chars is the length of Src in characters (an invalid UTF-8 byte
	// counts as one).
	Chars int
	// Truncated is set by ReadTemplate when the file is longer than
	// MaxTemplateBytes; only the first MaxTemplateBytes were scanned.
	Truncated bool
	// Capped is set when a stored list reached MaxTemplateItems.
	Capped bool

	Elements []*HTMLElement // in document order
	Outputs  []*LiquidOutput
	Tags     []LiquidTag
	Filters  []LiquidFilter // every filter use: outputs, assign and echo
	Vars     []LiquidVar    // every variable read, in outputs and tags
	// Errors are the Liquid syntax errors, in source order of detection;
	// at most MaxTemplateErrors of ErrorCount.
	Errors     []LiquidError
	ErrorCount int
}

// HTMLElement is one element, from its start tag.
type HTMLElement struct {
	Name string // lower case
	Pos  TemplatePos
	// TagEnd is the offset just past the start tag; the content runs from
	// TagEnd to End.
	TagEnd int
	// End is the offset of the end tag that closed the element, or where it
	// was closed implicitly (by an enclosing end tag, or the end of the
	// file). Void elements end at TagEnd.
	End   int
	Attrs []HTMLAttr
	// SelfClosing: written as <name … />. HTML ignores the slash on
	// elements that are not void.
	SelfClosing bool
	// Closed: an explicit end tag closed the element.
	Closed bool
	Parent *HTMLElement
	// Form is the nearest enclosing <crowd-form>, if any.
	Form *HTMLElement
	// Index is the element's index in Template.Elements.
	Index int
}

// HTMLAttr is one attribute of a start tag.
type HTMLAttr struct {
	Name string // lower case
	// Value is the raw value as written, without quotes: Liquid is left as
	// is and character references are not decoded.
	Value    string
	HasValue bool
	Pos      TemplatePos // the attribute name
	// ValueStart and ValueEnd delimit Value in Template.Src.
	ValueStart, ValueEnd int
}

// LiquidOutput is one {{ … }}.
type LiquidOutput struct {
	Pos     TemplatePos // the "{{"
	End     int         // offset just past the "}}"
	Expr    string      // the text between the delimiters, trimmed
	Filters []LiquidFilter
	Vars    []LiquidVar
}

// LiquidTag is one {% … %}, or one line of a {% liquid %} tag.
type LiquidTag struct {
	Pos    TemplatePos // the "{%" (or the line, inside {% liquid %})
	End    int         // offset just past the "%}"
	Name   string      // "if", "endfor", "assign", "#", ...
	Markup string      // the rest, trimmed
}

// LiquidFilter is one use of a filter: {{ x | name: args }}.
type LiquidFilter struct {
	Name string
	Pos  TemplatePos
}

// LiquidVar is one variable read, such as task.input.labels.
type LiquidVar struct {
	// Path is the variable with its segments joined by dots; a quoted
	// index (task.input["source-ref"]) is a segment, a computed index ends
	// the path.
	Path string
	// Key is the segment after task.input ("labels" for
	// task.input.labels), or "" when the variable is not under task.input.
	Key string
	Pos TemplatePos
}

// LiquidError is a Liquid syntax error.
type LiquidError struct {
	Pos TemplatePos
	Msg string
}

// ReadTemplate reads and scans a template file, at most MaxTemplateBytes of
// it.
func ReadTemplate(path string) (*Template, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxTemplateBytes+1))
	if err != nil {
		return nil, err
	}
	trunc := len(b) > MaxTemplateBytes
	if trunc {
		b = b[:MaxTemplateBytes]
	}
	t := ParseTemplate(string(b))
	t.Truncated = trunc
	return t, nil
}

// ParseTemplate scans src. It never fails: problems are recorded in Errors
// (Liquid) or tolerated (HTML).
func ParseTemplate(src string) *Template {
	t := &Template{Src: src, Chars: utf8.RuneCountInString(src)}
	ls := &tplLiquidScanner{t: t, src: src, cur: tplCursor{src: src, line: 1, col: 1}}
	ls.run()
	hs := &tplHTMLScanner{t: t, src: src, cur: tplCursor{src: src, line: 1, col: 1}, opaque: ls.opaque}
	hs.run()
	return t
}

// ---- positions ---------------------------------------------------------

// tplCursor turns offsets into line and column. Each pass asks for
// offsets in increasing order, so the cursor only moves forward and a pass
// costs O(n) in all.
type tplCursor struct {
	src            string
	off, line, col int
}

func (c *tplCursor) at(off int) TemplatePos {
	if off < c.off {
		c.off, c.line, c.col = 0, 1, 1
	}
	if off > len(c.src) {
		off = len(c.src)
	}
	for c.off < off {
		b := c.src[c.off]
		switch {
		case b == '\n':
			c.line++
			c.col = 1
			c.off++
		case b < utf8.RuneSelf:
			c.col++
			c.off++
		default:
			_, size := utf8.DecodeRuneInString(c.src[c.off:])
			c.off += size
			c.col++
		}
	}
	return TemplatePos{Offset: off, Line: c.line, Col: c.col}
}

// ---- Liquid ------------------------------------------------------------

// tplSpan is a byte range [start, end) of the source.
type tplSpan struct{ start, end int }

// Tags whose markup is an expression that reads variables; for and
// tablerow read the part after "in", assign the part after "=".
var tplExprTags = map[string]bool{
	"if": true, "elsif": true, "unless": true, "case": true, "when": true,
	"cycle": true, "include": true, "render": true, "echo": true,
	"for": true, "tablerow": true, "assign": true,
}

// tplOpenBlock is an open block on the stack: compact, since hostile
// input can nest a million deep.
type tplOpenBlock struct {
	off, line, col int32
	kind           uint8 // index in tplBlockNames
}

// tplBlockNames are the block tags that need an end tag, besides comment
// and raw, which are read specially.
var tplBlockNames = []string{"if", "unless", "for", "case", "capture", "tablerow"}

func tplBlockKind(name string) int {
	for i, n := range tplBlockNames {
		if n == name {
			return i
		}
	}
	return -1
}

func (ob tplOpenBlock) name() string { return tplBlockNames[ob.kind] }

func (ob tplOpenBlock) pos() TemplatePos {
	return TemplatePos{Offset: int(ob.off), Line: int(ob.line), Col: int(ob.col)}
}

// tplBlockStack pairs block tags. One {% liquid %} tag gets its own stack: a
// block it opens must close inside it.
type tplBlockStack struct {
	open   []tplOpenBlock
	counts [8]int // open blocks per kind
}

type tplLiquidScanner struct {
	t      *Template
	src    string
	cur    tplCursor
	stack  tplBlockStack
	opaque []tplSpan
}

func (s *tplLiquidScanner) errorf(pos TemplatePos, msg string) {
	s.t.ErrorCount++
	if len(s.t.Errors) < MaxTemplateErrors {
		s.t.Errors = append(s.t.Errors, LiquidError{Pos: pos, Msg: msg})
	}
}

// errorsFull reports whether further errors are only counted; callers then
// skip building the message.
func (s *tplLiquidScanner) errorsFull() bool {
	if len(s.t.Errors) < MaxTemplateErrors {
		return false
	}
	s.t.ErrorCount++
	return true
}

func (s *tplLiquidScanner) room(n int) bool {
	if n < MaxTemplateItems {
		return true
	}
	s.t.Capped = true
	return false
}

// tplDelimEnd finds the closing delimiter ("}}" or "%}") for a token whose
// content starts at from. It stops early at a "{%" (and, in an output, at
// a "{{") that opens another token: the first one was left unclosed. It
// returns the offset of the closing delimiter, or -1 and the offset to
// resume at.
func tplDelimEnd(src string, from int, close byte) (int, int) {
	for i := from; i+1 < len(src); {
		k := strings.IndexAny(src[i:], "{}%")
		if k < 0 {
			break
		}
		i += k
		if i+1 >= len(src) {
			break
		}
		c, d := src[i], src[i+1]
		switch {
		case c == close && d == '}':
			return i, 0
		case c == '{' && (d == '%' || d == '{' && close == '}'):
			return -1, i
		}
		i++
	}
	return -1, len(src)
}

func (s *tplLiquidScanner) run() {
	src := s.src
	n := len(src)
	for i := 0; i < n; {
		k := strings.Index(src[i:], "{")
		if k < 0 {
			break
		}
		j := i + k
		if j+1 >= n {
			break
		}
		switch src[j+1] {
		case '{':
			e, resume := tplDelimEnd(src, j+2, '}')
			if e < 0 {
				s.errorf(s.cur.at(j), "unclosed `{{` (no matching `}}`)")
				i = resume
				continue
			}
			s.output(j, e)
			i = e + 2
		case '%':
			e, resume := tplDelimEnd(src, j+2, '%')
			if e < 0 {
				s.errorf(s.cur.at(j), "unclosed `{%` (no matching `%}`)")
				i = resume
				continue
			}
			i = s.tag(j, e)
		default:
			i = j + 1
		}
	}
	s.stack.closeAll(s)
}

// inner returns the text between delimiters with whitespace control ("-")
// and spaces trimmed, and its offset.
func tplInner(src string, start, end int) (string, int) {
	if start < end && src[start] == '-' {
		start++
	}
	if end > start && src[end-1] == '-' {
		end--
	}
	for start < end && tplIsSpace(src[start]) {
		start++
	}
	for end > start && tplIsSpace(src[end-1]) {
		end--
	}
	return src[start:end], start
}

func tplIsSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func tplIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func tplIdentChar(c byte) bool {
	return tplIdentStart(c) || c >= '0' && c <= '9' || c == '-'
}

// output records {{ … }} spanning [start, e+2).
func (s *tplLiquidScanner) output(start, e int) {
	s.opaque = append(s.opaque, tplSpan{start, e + 2})
	if !s.room(len(s.t.Outputs)) {
		return
	}
	expr, off := tplInner(s.src, start+2, e)
	o := &LiquidOutput{Pos: s.cur.at(start), End: e + 2, Expr: expr}
	o.Filters, o.Vars = s.expr(expr, off, true)
	s.t.Outputs = append(s.t.Outputs, o)
}

// tplTagName splits tag text into its name and markup. "#" is the inline
// comment tag.
func tplTagName(text string, off int) (name string, nameOff int, markup string, markupOff int) {
	if text == "" {
		return "", off, "", off
	}
	if text[0] == '#' {
		return "#", off, strings.TrimSpace(text[1:]), off + 1
	}
	i := 0
	for i < len(text) && (tplIdentStart(text[i]) || text[i] >= '0' && text[i] <= '9') {
		i++
	}
	name = text[:i]
	j := i
	for j < len(text) && tplIsSpace(text[j]) {
		j++
	}
	return name, off, text[j:], off + j
}

// tag handles {% … %} spanning [start, e+2) and returns where scanning
// resumes (past a raw or comment body).
func (s *tplLiquidScanner) tag(start, e int) int {
	end := e + 2
	text, off := tplInner(s.src, start+2, e)
	name, _, markup, markupOff := tplTagName(text, off)
	pos := s.cur.at(start)
	if name == "" {
		s.opaque = append(s.opaque, tplSpan{start, end})
		s.errorf(pos, "`{% %}` has no tag name")
		return end
	}
	s.addTag(LiquidTag{Pos: pos, End: end, Name: name, Markup: markup})
	switch name {
	case "raw":
		bodyEnd, closeEnd, ok := s.findEnd(end, "raw")
		if !ok {
			s.opaque = append(s.opaque, tplSpan{start, end})
			s.errorf(pos, "`{% raw %}` is never closed (add `{% endraw %}`)")
			return len(s.src)
		}
		// The raw body is output as is: HTML sees it, Liquid does not.
		s.opaque = append(s.opaque, tplSpan{start, end}, tplSpan{bodyEnd, closeEnd})
		s.addTag(LiquidTag{Pos: s.cur.at(bodyEnd), End: closeEnd, Name: "endraw"})
		return closeEnd
	case "comment":
		bodyEnd, closeEnd, ok := s.findEnd(end, "comment")
		if !ok {
			s.opaque = append(s.opaque, tplSpan{start, len(s.src)})
			s.errorf(pos, "`{% comment %}` is never closed (add `{% endcomment %}`)")
			return len(s.src)
		}
		// Nothing in a comment is rendered.
		s.opaque = append(s.opaque, tplSpan{start, closeEnd})
		s.addTag(LiquidTag{Pos: s.cur.at(bodyEnd), End: closeEnd, Name: "endcomment"})
		return closeEnd
	case "liquid":
		s.opaque = append(s.opaque, tplSpan{start, end})
		s.liquidTag(markup, markupOff)
		return end
	}
	s.opaque = append(s.opaque, tplSpan{start, end})
	s.stack.handle(s, name, pos)
	s.exprTag(name, markup, markupOff)
	return end
}

func (s *tplLiquidScanner) addTag(tg LiquidTag) {
	if s.room(len(s.t.Tags)) {
		s.t.Tags = append(s.t.Tags, tg)
	}
}

// findEnd finds the end tag of a raw or comment body starting at from.
// Comments nest; raw does not. It returns the offset of the end tag's
// "{%" and the offset past its "%}".
func (s *tplLiquidScanner) findEnd(from int, block string) (int, int, bool) {
	src := s.src
	depth := 1
	for i := from; i < len(src); {
		k := strings.Index(src[i:], "{%")
		if k < 0 {
			break
		}
		j := i + k
		e := strings.Index(src[j+2:], "%}")
		if e < 0 {
			break
		}
		e += j + 2
		text, off := tplInner(src, j+2, e)
		name, _, _, _ := tplTagName(text, off)
		switch {
		case name == "end"+block:
			depth--
			if depth == 0 {
				return j, e + 2, true
			}
		case block == "comment" && name == "comment":
			depth++
		}
		i = e + 2
	}
	return 0, 0, false
}

// liquidTag reads the body of {% liquid %}: one tag per line, with blocks
// of its own.
func (s *tplLiquidScanner) liquidTag(body string, off int) {
	var st tplBlockStack
	comment := 0
	for len(body) > 0 {
		line := body
		next := len(body)
		if k := strings.IndexByte(body, '\n'); k >= 0 {
			line, next = body[:k], k+1
		}
		text, toff := tplInner(line, 0, len(line))
		toff += off
		body, off = body[next:], off+next
		name, _, markup, markupOff := tplTagName(text, toff)
		if name == "" {
			continue
		}
		pos := s.cur.at(toff)
		switch {
		case comment > 0:
			if name == "comment" {
				comment++
			} else if name == "endcomment" {
				comment--
			}
			continue
		case name == "comment":
			comment++
			continue
		case name == "#":
			continue
		}
		s.addTag(LiquidTag{Pos: pos, End: toff + len(text), Name: name, Markup: markup})
		st.handle(s, name, pos)
		s.exprTag(name, markup, markupOff)
	}
	st.closeAll(s)
}

// handle applies one tag to the block stack.
func (b *tplBlockStack) handle(s *tplLiquidScanner, name string, pos TemplatePos) {
	top := ""
	if len(b.open) > 0 {
		top = b.open[len(b.open)-1].name()
	}
	if k := tplBlockKind(name); k >= 0 {
		b.open = append(b.open, tplOpenBlock{off: int32(pos.Offset), line: int32(pos.Line), col: int32(pos.Col), kind: uint8(k)})
		b.counts[k]++
		return
	}
	switch {
	case strings.HasPrefix(name, "end") && (tplBlockKind(name[3:]) >= 0 || name == "endcomment" || name == "endraw"):
		want := name[3:]
		k := tplBlockKind(want)
		if k < 0 || b.counts[k] == 0 {
			if !s.errorsFull() {
				s.errorf(pos, "unmatched `{% "+name+" %}` (no open `{% "+want+" %}`)")
			}
			return
		}
		for {
			ob := b.open[len(b.open)-1]
			b.open = b.open[:len(b.open)-1]
			b.counts[ob.kind]--
			if int(ob.kind) == k {
				return
			}
			if !s.errorsFull() {
				s.errorf(ob.pos(), "`{% "+ob.name()+" %}` is not closed before `{% "+name+" %}` at line "+strconv.Itoa(pos.Line)+" (add `{% end"+ob.name()+" %}`)")
			}
		}
	case name == "else":
		if top != "if" && top != "unless" && top != "case" && top != "for" {
			s.errorf(pos, "`{% else %}` outside an if, unless, case or for block")
		}
	case name == "elsif":
		if top != "if" && top != "unless" {
			s.errorf(pos, "`{% elsif %}` outside an if or unless block")
		}
	case name == "when":
		if top != "case" {
			s.errorf(pos, "`{% when %}` outside a case block")
		}
	}
}

// closeAll reports the blocks left open, outermost first.
func (b *tplBlockStack) closeAll(s *tplLiquidScanner) {
	for _, ob := range b.open {
		if !s.errorsFull() {
			s.errorf(ob.pos(), "`{% "+ob.name()+" %}` is never closed (add `{% end"+ob.name()+" %}`)")
		}
	}
	b.open = nil
}

// exprTag records the filters and variables of a tag's markup.
func (s *tplLiquidScanner) exprTag(name, markup string, off int) {
	if !tplExprTags[name] {
		return
	}
	switch name {
	case "assign":
		k := strings.IndexByte(markup, '=')
		if k < 0 {
			return
		}
		markup, off = markup[k+1:], off+k+1
	case "for", "tablerow":
		k := strings.Index(markup, " in ")
		if k < 0 {
			return
		}
		markup, off = markup[k+4:], off+k+4
	}
	s.expr(markup, off, name == "assign" || name == "echo")
}

// Words of Liquid's expression syntax that are not variables.
var tplWords = map[string]bool{
	"and": true, "or": true, "contains": true, "in": true, "with": true, "for": true, "as": true,
	"true": true, "false": true, "nil": true, "null": true, "empty": true, "blank": true,
	"reversed": true, "limit": true, "offset": true, "cols": true,
}

// expr scans one Liquid expression (with filters when filters is set) at
// offset off of the source, records what it finds in the template's lists
// and returns them.
func (s *tplLiquidScanner) expr(x string, off int, filters bool) ([]LiquidFilter, []LiquidVar) {
	var fs []LiquidFilter
	var vs []LiquidVar
	afterPipe := false
	for i := 0; i < len(x); {
		c := x[i]
		switch {
		case c == '"' || c == '\'':
			k := strings.IndexByte(x[i+1:], c)
			if k < 0 {
				return fs, vs
			}
			i += k + 2
		case c == '|':
			afterPipe = filters
			i++
		case c >= '0' && c <= '9':
			for i < len(x) && (x[i] >= '0' && x[i] <= '9' || x[i] == '.' && i+1 < len(x) && x[i+1] != '.') {
				i++
			}
		case tplIdentStart(c):
			start := i
			for i < len(x) && tplIdentChar(x[i]) {
				i++
			}
			if i < len(x) && x[i] == '?' {
				i++
			}
			word := x[start:i]
			if afterPipe {
				afterPipe = false
				if s.room(len(s.t.Filters)) {
					f := LiquidFilter{Name: word, Pos: s.cur.at(off + start)}
					s.t.Filters = append(s.t.Filters, f)
					fs = append(fs, f)
				}
				continue
			}
			// A named argument (key: value) or a keyword is not a variable.
			j := i
			for j < len(x) && x[j] == ' ' {
				j++
			}
			if j < len(x) && x[j] == ':' || tplWords[word] {
				continue
			}
			if len(s.t.Vars) >= MaxTemplateItems {
				s.t.Capped = true
				continue
			}
			segs := []string{word}
		path:
			for i < len(x) {
				switch {
				case x[i] == '.' && i+1 < len(x) && tplIdentStart(x[i+1]):
					k := i + 1
					for k < len(x) && tplIdentChar(x[k]) {
						k++
					}
					segs = append(segs, x[i+1:k])
					i = k
				case x[i] == '[' && i+1 < len(x) && (x[i+1] == '"' || x[i+1] == '\''):
					q := x[i+1]
					k := strings.IndexByte(x[i+2:], q)
					if k < 0 || i+2+k+1 >= len(x) || x[i+2+k+1] != ']' {
						break path
					}
					segs = append(segs, x[i+2:i+2+k])
					i = i + 2 + k + 2
				default:
					break path
				}
			}
			{
				v := LiquidVar{Path: strings.Join(segs, "."), Pos: s.cur.at(off + start)}
				if len(segs) >= 3 && segs[0] == "task" && segs[1] == "input" {
					v.Key = segs[2]
				}
				s.t.Vars = append(s.t.Vars, v)
				vs = append(vs, v)
			}
		default:
			i++
		}
	}
	return fs, vs
}

// ---- HTML --------------------------------------------------------------

// Elements that never have content or an end tag.
var tplVoid = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

// Elements whose content is text up to their end tag.
var tplRawText = map[string]bool{"script": true, "style": true, "textarea": true, "title": true, "xmp": true}

type tplHTMLScanner struct {
	t      *Template
	src    string
	cur    tplCursor
	opaque []tplSpan // Liquid tokens and comments, in order
	oi     int       // first opaque span that may still matter
	stack  []*HTMLElement
	counts map[string]int
}

// skipOpaque returns the end of the opaque tplSpan that contains i, or i.
func (h *tplHTMLScanner) skipOpaque(i int) int {
	for h.oi < len(h.opaque) && h.opaque[h.oi].end <= i {
		h.oi++
	}
	if h.oi < len(h.opaque) && h.opaque[h.oi].start <= i {
		return h.opaque[h.oi].end
	}
	return i
}

// nextOpaque is the start of the next opaque tplSpan at or after i, or
// len(src).
func (h *tplHTMLScanner) nextOpaque(i int) int {
	for h.oi < len(h.opaque) && h.opaque[h.oi].end <= i {
		h.oi++
	}
	if h.oi < len(h.opaque) {
		return max(h.opaque[h.oi].start, i)
	}
	return len(h.src)
}

// indexByte finds c at or after i outside opaque spans; -1 if none.
func (h *tplHTMLScanner) indexByte(i int, c byte) int {
	for i < len(h.src) {
		if j := h.skipOpaque(i); j != i {
			i = j
			continue
		}
		stop := h.nextOpaque(i)
		if k := strings.IndexByte(h.src[i:stop], c); k >= 0 {
			return i + k
		}
		i = stop
	}
	return -1
}

func (h *tplHTMLScanner) run() {
	h.counts = map[string]int{}
	src := h.src
	n := len(src)
	for i := 0; i < n; {
		j := h.indexByte(i, '<')
		if j < 0 || j+1 >= n {
			break
		}
		c := src[j+1]
		switch {
		case strings.HasPrefix(src[j:], "<!--"):
			k := strings.Index(src[j+4:], "-->")
			if k < 0 {
				i = n
			} else {
				i = j + 4 + k + 3
			}
		case c == '!' || c == '?':
			k := h.indexByte(j+2, '>')
			if k < 0 {
				i = n
			} else {
				i = k + 1
			}
		case c == '/' && j+2 < n && tplLetter(src[j+2]):
			k := j + 2
			for k < n && !tplIsSpace(src[k]) && src[k] != '/' && src[k] != '>' {
				k++
			}
			name := strings.ToLower(src[j+2 : k])
			e := h.indexByte(k, '>')
			if e < 0 {
				i = n
				break
			}
			h.endTag(name, j)
			i = e + 1
		case tplLetter(c):
			i = h.startTag(j)
		default:
			i = j + 1
		}
	}
	for len(h.stack) > 0 {
		h.pop(n, false)
	}
}

func tplLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// startTag reads the start tag at j and returns where scanning resumes.
func (h *tplHTMLScanner) startTag(j int) int {
	src := h.src
	n := len(src)
	k := j + 1
	for k < n && !tplIsSpace(src[k]) && src[k] != '/' && src[k] != '>' {
		k++
	}
	el := &HTMLElement{Name: strings.ToLower(src[j+1 : k])}
	store := len(h.t.Elements) < MaxTemplateItems
	if store {
		el.Pos = h.cur.at(j)
	} else {
		h.t.Capped = true
	}
	// Attributes.
	i := k
	for {
		for i < n && tplIsSpace(src[i]) {
			i++
		}
		if i >= n {
			return n // end of file inside a tag: the tag is dropped
		}
		if e := h.skipOpaque(i); e != i {
			i = e // Liquid in attribute position, e.g. {% if x %}checked{% endif %}
			continue
		}
		if src[i] == '>' {
			i++
			break
		}
		if src[i] == '/' {
			if i+1 < n && src[i+1] == '>' {
				el.SelfClosing = true
				i += 2
				break
			}
			i++
			continue
		}
		// Name: up to space, "/", ">" or "=" (the first character may be
		// "=", as in HTML), or up to Liquid that follows it.
		ns := i
		for i < n {
			if e := h.skipOpaque(i); e != i {
				if i > ns {
					break
				}
				i = e
				continue
			}
			c := src[i]
			if tplIsSpace(c) || c == '/' || c == '>' || c == '=' && i > ns {
				break
			}
			i++
		}
		a := HTMLAttr{Name: strings.ToLower(src[ns:i])}
		if store {
			a.Pos = h.cur.at(ns)
		}
		v := i
		for v < n && tplIsSpace(src[v]) {
			v++
		}
		if v < n && src[v] == '=' {
			v++
			for v < n && tplIsSpace(src[v]) {
				v++
			}
			if v >= n {
				return n
			}
			a.HasValue = true
			if q := src[v]; q == '"' || q == '\'' {
				e := h.indexByte(v+1, q)
				if e < 0 {
					return n
				}
				a.ValueStart, a.ValueEnd = v+1, e
				i = e + 1
			} else {
				s := v
				for v < n {
					if e := h.skipOpaque(v); e != v {
						v = e
						continue
					}
					if tplIsSpace(src[v]) || src[v] == '>' {
						break
					}
					v++
				}
				a.ValueStart, a.ValueEnd = s, v
				i = v
			}
			a.Value = src[a.ValueStart:a.ValueEnd]
		}
		if store && len(el.Attrs) < MaxTemplateItems {
			el.Attrs = append(el.Attrs, a)
		}
	}
	el.TagEnd = i
	el.End = i
	if !store {
		// Past the cap: keep the tree consistent but record nothing.
		return h.afterStart(el, i, false)
	}
	if len(h.stack) > 0 {
		el.Parent = h.stack[len(h.stack)-1]
		el.Form = el.Parent.Form
		if el.Parent.Name == "crowd-form" {
			el.Form = el.Parent
		}
	}
	el.Index = len(h.t.Elements)
	h.t.Elements = append(h.t.Elements, el)
	return h.afterStart(el, i, true)
}

// afterStart opens el (unless void) and skips raw text content.
func (h *tplHTMLScanner) afterStart(el *HTMLElement, i int, stored bool) int {
	if tplVoid[el.Name] {
		return i
	}
	if tplRawText[el.Name] {
		// Content runs to the first "</name" outside Liquid.
		src := h.src
		for k := i; ; {
			e := h.indexByte(k, '<')
			if e < 0 {
				el.End = len(src)
				return len(src)
			}
			if e+2+len(el.Name) <= len(src) && src[e+1] == '/' && strings.EqualFold(src[e+2:e+2+len(el.Name)], el.Name) {
				after := e + 2 + len(el.Name)
				if after == len(src) || tplIsSpace(src[after]) || src[after] == '>' || src[after] == '/' {
					el.End = e
					el.Closed = true
					gt := h.indexByte(after, '>')
					if gt < 0 {
						return len(src)
					}
					return gt + 1
				}
			}
			k = e + 1
		}
	}
	if !stored {
		return i
	}
	h.stack = append(h.stack, el)
	h.counts[el.Name]++
	return i
}

// endTag closes the nearest open element called name, and everything
// opened inside it; a stray end tag is ignored.
func (h *tplHTMLScanner) endTag(name string, at int) {
	if h.counts[name] == 0 {
		return
	}
	for {
		top := h.stack[len(h.stack)-1]
		if top.Name == name {
			h.pop(at, true)
			return
		}
		h.pop(at, false)
	}
}

func (h *tplHTMLScanner) pop(at int, closed bool) {
	top := h.stack[len(h.stack)-1]
	h.stack = h.stack[:len(h.stack)-1]
	h.counts[top.Name]--
	top.End = at
	top.Closed = closed
}

// ---- queries -----------------------------------------------------------

// Attr returns the first attribute called name (lower case), or nil.
func (e *HTMLElement) Attr(name string) *HTMLAttr {
	for i := range e.Attrs {
		if e.Attrs[i].Name == name {
			return &e.Attrs[i]
		}
	}
	return nil
}

// Named returns the elements called name (lower case), in document order.
func (t *Template) Named(name string) []*HTMLElement {
	var out []*HTMLElement
	for _, e := range t.Elements {
		if e.Name == name {
			out = append(out, e)
		}
	}
	return out
}

// Within returns the elements inside e (its descendants), in document
// order.
func (t *Template) Within(e *HTMLElement) []*HTMLElement {
	rest := t.Elements[e.Index+1:]
	k := sort.Search(len(rest), func(i int) bool { return rest[i].Pos.Offset >= e.End })
	return rest[:k]
}

// OutputsIn returns the {{ … }} outputs that lie within [start, end).
func (t *Template) OutputsIn(start, end int) []*LiquidOutput {
	i := sort.Search(len(t.Outputs), func(i int) bool { return t.Outputs[i].Pos.Offset >= start })
	k := i
	for k < len(t.Outputs) && t.Outputs[k].End <= end {
		k++
	}
	return t.Outputs[i:k]
}

// HasFilter reports whether the output applies the filter name.
func (o *LiquidOutput) HasFilter(name string) bool {
	for _, f := range o.Filters {
		if f.Name == name {
			return true
		}
	}
	return false
}

// Reads reports whether the output reads the variable path (exactly, or a
// member of it).
func (o *LiquidOutput) Reads(path string) bool {
	for _, v := range o.Vars {
		if v.Path == path || strings.HasPrefix(v.Path, path+".") {
			return true
		}
	}
	return false
}

// TaskInputKeys returns the distinct task.input keys the template reads,
// each with its first use, in source order.
func (t *Template) TaskInputKeys() []LiquidVar {
	seen := map[string]bool{}
	var out []LiquidVar
	for _, v := range t.Vars {
		if v.Key != "" && !seen[v.Key] {
			seen[v.Key] = true
			out = append(out, v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos.Offset < out[j].Pos.Offset })
	return out
}

// Ground Truth's own filters (gt/sms-custom-templates-step2.md) and the
// standard Liquid filters.
var tplFilters = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(`
		escape escape_once skip_autoescape to_json grant_read_access
		abs append at_least at_most base64_decode base64_encode
		base64_url_safe_decode base64_url_safe_encode capitalize ceil compact
		concat date default divided_by downcase find find_index first floor
		h has join last lstrip map minus modulo newline_to_br plus prepend
		reject remove remove_first remove_last replace replace_first
		replace_last reverse round rstrip size slice sort sort_natural split
		strip strip_html strip_newlines sum times truncate truncatewords uniq
		upcase url_decode url_encode where`) {
		m[f] = true
	}
	return m
}()

// KnownLiquidFilter reports whether name is a standard Liquid filter or
// one of Ground Truth's.
func KnownLiquidFilter(name string) bool { return tplFilters[name] }

// LiquidFilterNames returns the known filter names, sorted.
func LiquidFilterNames() []string {
	out := make([]string, 0, len(tplFilters))
	for f := range tplFilters {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}
