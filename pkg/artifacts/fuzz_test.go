package artifacts

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gtctl/gtctl/internal/fixtures"
)

// Seeds come from the fixtures: every label file, manifest and template the
// rule and example fixtures use (go test reads them when the fuzz function
// starts, so new fixtures become seeds without an edit here). Crashers the
// fuzzer finds are kept under testdata/fuzz/<Target>/ and run as regression
// inputs by a plain go test.
func fzSeeds(f *testing.F, exts ...string) [][]byte {
	f.Helper()
	var out [][]byte
	fixtures.Walk(f, exts, func(_ int, _ string, b []byte) { out = append(out, fzTrim(b)) })
	return out
}

// fzMaxSeed bounds a seed: the fuzzer mutates small inputs far faster,
// and a multi-megabyte manifest fixture adds nothing its first lines do not.
const fzMaxSeed = 16 << 10

// fzTrim cuts a large fixture to its first fzMaxSeed bytes, at a line end
// when there is one.
func fzTrim(b []byte) []byte {
	if len(b) <= fzMaxSeed {
		return b
	}
	b = b[:fzMaxSeed]
	if i := bytes.LastIndexByte(b, '\n'); i > 0 {
		b = b[:i+1]
	}
	return b
}

// ---- label files ---------------------------------------------------------

// fzJSONDepth is the deepest nesting of objects and arrays in valid JSON.
func fzJSONDepth(b []byte) int {
	depth, deepest, inStr := 0, 0, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if inStr {
			switch c {
			case '\\':
				i++
			case '"':
				inStr = false
			}
			continue
		}
		switch c {
		case '"':
			inStr = true
		case '{', '[':
			depth++
			deepest = max(deepest, depth)
		case '}', ']':
			depth--
		}
	}
	return deepest
}

// fzDuplicateKeys counts repeated keys per object in valid JSON, with
// encoding/json's tokenizer (keys compared decoded).
func fzDuplicateKeys(b []byte) (int, error) {
	type frame struct {
		obj  bool
		keys map[string]bool
		key  bool // the next string token is a key
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var stack []*frame
	dups := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return dups, nil
		}
		if err != nil {
			return 0, err
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.obj && top.key {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:len(stack)-1]
				if len(stack) > 0 && stack[len(stack)-1].obj {
					stack[len(stack)-1].key = true
				}
				continue
			}
			k := tok.(string)
			if top.keys[k] {
				dups++
			}
			top.keys[k] = true
			top.key = false
			continue
		}
		// A value.
		switch d := tok.(type) {
		case json.Delim:
			switch d {
			case '{':
				stack = append(stack, &frame{obj: true, keys: map[string]bool{}, key: true})
				continue
			case '[':
				stack = append(stack, &frame{})
				continue
			case ']', '}':
				stack = stack[:len(stack)-1]
			}
		}
		if len(stack) > 0 && stack[len(stack)-1].obj {
			stack[len(stack)-1].key = true
		}
	}
}

// fzLabelAny converts a parsed value to what encoding/json decodes (with
// UseNumber): the last of repeated keys wins there too.
func fzLabelAny(v *Value) any {
	switch v.Kind {
	case ObjectValue:
		m := map[string]any{}
		for i := range v.Kids {
			m[v.Kids[i].Key] = fzLabelAny(&v.Kids[i])
		}
		return m
	case ArrayValue:
		l := []any{}
		for i := range v.Kids {
			l = append(l, fzLabelAny(&v.Kids[i]))
		}
		return l
	case StringValue:
		return v.Text
	case NumberValue:
		return json.Number(v.Text)
	case BoolValue:
		return v.Text == "true"
	}
	return nil
}

func fzCheckPositions(t *testing.T, v *Value, member bool) {
	if v.Line < 1 || v.Col < 1 {
		t.Fatalf("value %q (%v) at line %d, column %d", v.Text, v.Kind, v.Line, v.Col)
	}
	if member && (v.KeyLine < 1 || v.KeyCol < 1) {
		t.Fatalf("member %q: key at line %d, column %d", v.Key, v.KeyLine, v.KeyCol)
	}
	if !member && v.KeyLine != 0 {
		t.Fatalf("array item or root with a key position %d:%d", v.KeyLine, v.KeyCol)
	}
	for i := range v.Kids {
		fzCheckPositions(t, &v.Kids[i], v.Kind == ObjectValue)
	}
}

// FuzzLabelFile checks the strict label-file parser against encoding/json:
// it must accept exactly the valid JSON that is UTF-8, at most
// MaxJSONDepth deep and of at most MaxJSONValues values (encoding/json also accepts invalid UTF-8 inside
// strings and nests to 10000), decode it to the same values, and list the
// same repeated keys.
//
//	go test -run '^$' -fuzz FuzzLabelFile -fuzztime 60s ./pkg/artifacts
func FuzzLabelFile(f *testing.F) {
	for _, b := range fzSeeds(f, ".json") {
		f.Add(b)
	}
	f.Add([]byte(`{"labels":[{"label":"a"},{"label":"a","label":"b"}]}`))
	f.Add([]byte("\ufeff{}"))
	f.Add([]byte(`{"a":"\ud800\u0041\udc00\ud83d\ude00","b":-0.0e+1}`))
	f.Add([]byte(`[1,2,]`))
	f.Add([]byte("{\"a\":\"\xff\"}"))
	f.Add([]byte(strings.Repeat("[", MaxJSONDepth) + strings.Repeat("]", MaxJSONDepth)))
	f.Add([]byte(strings.Repeat("[", MaxJSONDepth+1) + strings.Repeat("]", MaxJSONDepth+1)))
	f.Add([]byte("{\"a\":1}\r\n// c\n"))
	f.Add([]byte("  true  "))
	f.Fuzz(func(t *testing.T, data []byte) {
		jf, err := ParseJSON(data)
		valid := json.Valid(data)
		if err != nil {
			var je *JSONError
			if !errors.As(err, &je) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if je.Line < 1 || je.Col < 1 || je.Offset < 0 || je.Offset > len(data) || je.Msg == "" {
				t.Fatalf("error at offset %d, line %d, column %d: %q", je.Offset, je.Line, je.Col, je.Msg)
			}
			// (Fewer bytes than MaxJSONValues: fewer values too.)
			if valid && utf8.Valid(data) && fzJSONDepth(data) <= MaxJSONDepth && len(data) < MaxJSONValues {
				t.Fatalf("encoding/json accepts %q (UTF-8, depth %d) but ParseJSON says: %v", data, fzJSONDepth(data), err)
			}
			return
		}
		if !valid {
			t.Fatalf("ParseJSON accepts %q, encoding/json does not", data)
		}
		if !utf8.Valid(data) {
			t.Fatalf("ParseJSON accepts invalid UTF-8 %q", data)
		}
		if d := fzJSONDepth(data); d > MaxJSONDepth {
			t.Fatalf("ParseJSON accepts nesting %d deep", d)
		}
		if jf.Size != len(data) {
			t.Fatalf("Size %d, want %d", jf.Size, len(data))
		}
		fzCheckPositions(t, jf.Root, false)
		if fzTruncated(jf.Root) {
			return // past MaxKeptChildren the tree holds a prefix: nothing to compare whole
		}
		dups, err := fzDuplicateKeys(data)
		if err != nil {
			t.Fatalf("tokenizing valid JSON: %v", err)
		}
		if len(jf.Duplicates) != dups {
			t.Fatalf("%d repeated keys listed, encoding/json's tokens show %d: %+v", len(jf.Duplicates), dups, jf.Duplicates)
		}
		for _, d := range jf.Duplicates {
			if d.Pos.Line < 1 || d.Pos.Col < 1 || d.First.Line < 1 || d.First.Col < 1 {
				t.Fatalf("duplicate %q at %v, first %v", d.Key, d.Pos, d.First)
			}
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("decoding valid JSON: %v", err)
		}
		if got := fzLabelAny(jf.Root); !reflect.DeepEqual(got, want) {
			t.Fatalf("ParseJSON decodes %q to\n%#v\nencoding/json to\n%#v", data, got, want)
		}
	})
}

// fzTruncated reports whether some container holds fewer children than
// the file has.
func fzTruncated(v *Value) bool {
	if v.Len() > len(v.Kids) {
		return true
	}
	for i := range v.Kids {
		if fzTruncated(&v.Kids[i]) {
			return true
		}
	}
	return false
}

// ---- manifests -----------------------------------------------------------

// fzReader hands out the input in pieces of the given sizes, to move line
// ends across reads.
type fzReader struct {
	b     []byte
	sizes []byte
	k     int
}

func (r *fzReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := len(r.b)
	if len(r.sizes) > 0 {
		n = int(r.sizes[r.k%len(r.sizes)]) + 1
		r.k++
	}
	n = min(n, len(p), len(r.b))
	copy(p, r.b[:n])
	r.b = r.b[n:]
	return n, nil
}

type fzLine struct {
	Num       int
	Offset    int64
	TooLong   bool
	Chars     int
	Blank     bool
	Syntax    string
	ErrOffset int
	NotObject bool
	BadUTF8   int
	Keys      []string
	Src       string
}

func fzScan(t *testing.T, r io.Reader, opts ManifestOptions) []fzLine {
	t.Helper()
	sc := NewManifestScanner(r, opts)
	var out []fzLine
	for sc.Next() {
		l := sc.Line()
		fl := fzLine{Num: l.Num, Offset: l.Offset, TooLong: l.TooLong, Chars: l.LineChars, Blank: l.Blank,
			Syntax: l.SyntaxErr, ErrOffset: l.ErrOffset, NotObject: l.NotObject, BadUTF8: l.BadUTF8, Src: string(l.Src)}
		if l.IsObject() {
			fl.Keys = []string{}
			for c := l.Child(l.Root()); c != nil; c = l.Next(c) {
				fl.Keys = append(fl.Keys, string(l.Key(c)))
				_, _ = l.Str(c)
				_, _ = l.Int(c)
				_, _ = l.Float(c)
			}
			// Deep members are recorded in full: walk them.
			for c := l.Child(l.Root()); c != nil; c = l.Next(c) {
				if l.Recorded(c) {
					fzWalk(&l.Tree, c, 0)
				}
			}
		}
		if l.SyntaxErr != "" {
			_ = l.Column(l.ErrOffset)
		}
		out = append(out, fl)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("scanner error: %v", err)
	}
	return out
}

func fzWalk(d *Tree, n *TreeNode, depth int) {
	if depth > mfMaxDepth+1 {
		panic("cycle in the tree")
	}
	_ = d.Raw(n)
	_, _ = d.Str(n)
	for c := d.Child(n); c != nil; c = d.Next(c) {
		if n.Kind == NodeObject {
			_ = d.Key(c)
		}
		fzWalk(d, c, depth+1)
	}
}

// fzTreeAny converts a fully recorded tree to what encoding/json decodes
// with UseNumber.
func fzTreeAny(d *Tree, n *TreeNode) any {
	switch n.Kind {
	case NodeObject:
		m := map[string]any{}
		for c := d.Child(n); c != nil; c = d.Next(c) {
			k := string(d.Key(c))
			m[k] = fzTreeAny(d, c)
		}
		return m
	case NodeArray:
		l := []any{}
		for c := d.Child(n); c != nil; c = d.Next(c) {
			l = append(l, fzTreeAny(d, c))
		}
		return l
	case NodeString:
		s, _ := d.Str(n)
		return string(s)
	case NodeNumber:
		return json.Number(d.Raw(n))
	case NodeBool:
		return string(d.Raw(n)) == "true"
	case NodeNull:
		return nil
	}
	return fmt.Sprintf("invalid node kind %d", n.Kind)
}

// FuzzManifestLine runs the manifest scanner over arbitrary bytes, as one
// file of many lines. Every line must be split where the bytes say, and
// its verdict must agree with encoding/json: valid exactly when json.Valid
// (for lines within MaxLineChars), an object exactly when it starts with
// `{`, invalid UTF-8 reported at the first bad byte. Reading the same
// bytes in small pieces must give the same lines. Each line is also parsed
// alone with ParseDocument, which must decode it as encoding/json does.
//
//	go test -run '^$' -fuzz FuzzManifestLine -fuzztime 60s ./pkg/artifacts
func FuzzManifestLine(f *testing.F) {
	for _, b := range fzSeeds(f, ".manifest", ".jsonl") {
		f.Add(b, []byte{})
	}
	for _, b := range fzSeeds(f, ".json") {
		f.Add(b, []byte{3, 0, 200})
	}
	f.Add([]byte("{\"source-ref\":\"s3://b/k\"}\r\n\n  \r\n[1]\n{\"a\":\"\xff\"}\n{\"a\":1,}\n{\"a\""), []byte{0})
	f.Add([]byte("{\"source-ref-metadata\":{\"frames\":[{\"frame\":\"a\\u00e9\\ud800\"}]},\"x-metadata\":{\"a\":[[[]]]}}"), []byte{7, 1})
	f.Add([]byte(strings.Repeat("[", 300)+strings.Repeat("]", 300)), []byte{})
	f.Add([]byte("\"\\ud83d\\ude00\" \n 1e5\n-0.5E-3\ntrue\nnul\n"), []byte{1})
	f.Fuzz(func(t *testing.T, data []byte, sizes []byte) {
		opts := ManifestOptions{Deep: []string{"source-ref-metadata"}, DeepSuffix: "-metadata"}
		got := fzScan(t, bytes.NewReader(data), opts)

		// Where the lines are: a final newline does not start a line.
		var want [][]byte
		if len(data) > 0 {
			want = bytes.Split(data, []byte("\n"))
			if data[len(data)-1] == '\n' {
				want = want[:len(want)-1]
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%d lines scanned, the input has %d", len(got), len(want))
		}
		off := int64(0)
		for i, l := range got {
			line := want[i]
			if l.Num != i+1 || l.Offset != off {
				t.Fatalf("line %d: Num %d, Offset %d (want %d)", i+1, l.Num, l.Offset, off)
			}
			off += int64(len(line)) + 1
			line = bytes.TrimSuffix(line, []byte("\r"))
			if chars := mfCountChars(line); chars > MaxLineChars {
				if !l.TooLong || l.Chars != chars {
					t.Fatalf("line %d: %d characters, TooLong %v (%d)", l.Num, chars, l.TooLong, l.Chars)
				}
				continue
			}
			if l.TooLong {
				t.Fatalf("line %d (%d characters) reported too long", l.Num, mfCountChars(line))
			}
			if l.Src != string(line) {
				t.Fatalf("line %d: Src %q, want %q", l.Num, l.Src, line)
			}
			if len(bytes.Trim(line, " \t\r\n")) == 0 {
				if !l.Blank {
					t.Fatalf("line %d %q: not Blank", l.Num, line)
				}
				continue
			}
			if l.Blank {
				t.Fatalf("line %d %q: Blank", l.Num, line)
			}
			valid := json.Valid(line)
			if (l.Syntax == "") != valid {
				t.Fatalf("line %d %q: scanner error %q, json.Valid %v", l.Num, line, l.Syntax, valid)
			}
			if !valid && (l.ErrOffset < 0 || l.ErrOffset > len(line)) {
				t.Fatalf("line %d %q: error offset %d out of range", l.Num, line, l.ErrOffset)
			}
			obj := valid && bytes.TrimLeft(line, " \t\r\n")[0] == '{'
			if l.NotObject != (valid && !obj) || (l.Keys != nil) != obj {
				t.Fatalf("line %d %q: NotObject %v, object %v; json.Valid %v", l.Num, line, l.NotObject, l.Keys != nil, valid)
			}
			wantBad := -1
			if !utf8.Valid(line) {
				wantBad = mfFirstBadUTF8(line)
			}
			if l.BadUTF8 != wantBad {
				t.Fatalf("line %d %q: BadUTF8 %d, want %d", l.Num, line, l.BadUTF8, wantBad)
			}

			// The line alone, every node recorded.
			d, bad, err := ParseDocument(line)
			if (err == nil) != valid {
				t.Fatalf("ParseDocument(%q): %v; json.Valid %v", line, err, valid)
			}
			if bad != wantBad {
				t.Fatalf("ParseDocument(%q): bad UTF-8 at %d, want %d", line, bad, wantBad)
			}
			if err != nil || wantBad >= 0 {
				continue // encoding/json replaces invalid UTF-8; the tree keeps the bytes
			}
			dec := json.NewDecoder(bytes.NewReader(line))
			dec.UseNumber()
			var v any
			if err := dec.Decode(&v); err != nil {
				t.Fatalf("decoding valid JSON: %v", err)
			}
			if g := fzTreeAny(d, d.Root()); !reflect.DeepEqual(g, v) {
				t.Fatalf("ParseDocument(%q) =\n%#v\nencoding/json:\n%#v", line, g, v)
			}
			if obj {
				var keys []string
				for c := d.Child(d.Root()); c != nil; c = d.Next(c) {
					keys = append(keys, string(d.Key(c)))
				}
				if !reflect.DeepEqual(keys, l.Keys) && !(len(keys) == 0 && len(l.Keys) == 0) {
					t.Fatalf("line %d: scanner keys %q, document keys %q", l.Num, l.Keys, keys)
				}
			}
		}

		// The same bytes read in pieces.
		if len(sizes) > 0 {
			pieces := fzScan(t, &fzReader{b: data, sizes: sizes}, opts)
			if !reflect.DeepEqual(pieces, got) {
				t.Fatalf("reading in pieces %v gives other lines:\n%+v\nwhole:\n%+v", sizes, pieces, got)
			}
		}
	})
}

// ---- templates -----------------------------------------------------------

func fzCheckPos(t *testing.T, what string, p TemplatePos, n int) {
	t.Helper()
	if p.Offset < 0 || p.Offset > n || p.Line < 1 || p.Col < 1 {
		t.Fatalf("%s at %+v (source is %d bytes)", what, p, n)
	}
}

// fzParseTemplate scans src and checks the result's invariants; it fails
// when the scan takes longer than limit.
func fzParseTemplate(t *testing.T, src string, limit time.Duration) {
	t.Helper()
	start := time.Now()
	tpl := ParseTemplate(src)
	keys := tpl.TaskInputKeys()
	_ = tpl.Named("crowd-form")
	if d := time.Since(start); d > limit {
		t.Fatalf("scanning %d bytes took %v (limit %v)", len(src), d, limit)
	}
	// The queries, on a few elements: over every element of a deeply
	// nested input they are quadratic by nature (each element's content
	// holds the rest).
	for _, e := range tpl.Elements[:min(len(tpl.Elements), 64)] {
		_ = tpl.Within(e)
		_ = tpl.OutputsIn(e.TagEnd, e.End)
	}
	n := len(src)
	for i, e := range tpl.Elements {
		fzCheckPos(t, "element "+e.Name, e.Pos, n)
		if e.Index != i || !(e.Pos.Offset < e.TagEnd && e.TagEnd <= e.End && e.End <= n) {
			t.Fatalf("element %d %q: index %d, start %d, tag end %d, end %d (source %d bytes)", i, e.Name, e.Index, e.Pos.Offset, e.TagEnd, e.End, n)
		}
		if e.Parent != nil && (e.Parent.Index >= i || e.Parent.End < e.Pos.Offset) {
			t.Fatalf("element %d %q: parent %d %q ends at %d", i, e.Name, e.Parent.Index, e.Parent.Name, e.Parent.End)
		}
		for _, a := range e.Attrs {
			fzCheckPos(t, "attribute "+a.Name, a.Pos, n)
			if a.HasValue && (a.ValueStart > a.ValueEnd || a.ValueEnd > n || src[a.ValueStart:a.ValueEnd] != a.Value) {
				t.Fatalf("attribute %q: value [%d, %d) %q", a.Name, a.ValueStart, a.ValueEnd, a.Value)
			}
		}
	}
	for _, o := range tpl.Outputs {
		fzCheckPos(t, "output", o.Pos, n)
		if o.End <= o.Pos.Offset || o.End > n {
			t.Fatalf("output %q: [%d, %d)", o.Expr, o.Pos.Offset, o.End)
		}
	}
	for _, tg := range tpl.Tags {
		fzCheckPos(t, "tag "+tg.Name, tg.Pos, n)
		if tg.End < tg.Pos.Offset || tg.End > n {
			t.Fatalf("tag %q: [%d, %d)", tg.Name, tg.Pos.Offset, tg.End)
		}
	}
	for _, v := range tpl.Vars {
		fzCheckPos(t, "variable "+v.Path, v.Pos, n)
	}
	for _, v := range keys {
		fzCheckPos(t, "task input key "+v.Key, v.Pos, n)
	}
	for _, fl := range tpl.Filters {
		fzCheckPos(t, "filter "+fl.Name, fl.Pos, n)
	}
	for _, e := range tpl.Errors {
		fzCheckPos(t, "error", e.Pos, n)
	}
	if len(tpl.Errors) > MaxTemplateErrors || tpl.ErrorCount < len(tpl.Errors) {
		t.Fatalf("%d errors kept of %d", len(tpl.Errors), tpl.ErrorCount)
	}
	for _, l := range [][]int{{len(tpl.Elements)}, {len(tpl.Outputs)}, {len(tpl.Tags)}, {len(tpl.Filters)}, {len(tpl.Vars)}} {
		if l[0] > MaxTemplateItems {
			t.Fatalf("a list holds %d items, the cap is %d", l[0], MaxTemplateItems)
		}
	}
}

// fzTemplateAmplify is how large the repeated input grows: a scan that is
// linear takes a millisecond over it, one that is quadratic in some
// construct (32K² steps) takes seconds. Larger costs too many executions
// per second under the fuzzer's coverage instrumentation.
const fzTemplateAmplify = 32 << 10

// FuzzTemplate runs the template scanner on arbitrary text: no panic,
// positions within the text, lists within their caps, and bounded time —
// the input as given, and (one input in 1024) the input repeated to 32 KiB,
// must each scan in under a second (a linear scanner takes a millisecond).
//
//	go test -run '^$' -fuzz FuzzTemplate -fuzztime 60s ./pkg/artifacts
func FuzzTemplate(f *testing.F) {
	for _, b := range fzSeeds(f, ".html", ".liquid") {
		f.Add(b)
	}
	f.Add([]byte(`<crowd-form><crowd-input name="a" required/>{% if task.input.x %}<p a={{ x | f: 1 }}>{% endif %}</crowd-form>`))
	f.Add([]byte(`{% liquid
  if a
    echo task.input["source-ref"] | grant_read_access
  endif
  comment
  x
  endcomment
%}{% raw %}{{ x }}{% endraw %}{% comment %}{% comment %}{% endcomment %}{% endcomment %}`))
	f.Add([]byte(`<script>{{ "</script>" }}</script><style>a{}</style ><textarea><b></textarea><!-- <a> --><!doctype html><?x?>`))
	f.Add([]byte("{{ {% {{ %} }} {%- x -%} {%%} {{}} é\xff\x00 <a b='{{ \"'\" }}' c=d e>"))
	f.Add([]byte(`{% for x in task.input.list limit: 2 %}{% else %}{% when %}{% elsif %}{% endfor %}{% endif %}{% case a %}{% when b %}{% endcase %}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		src := string(data)
		fzParseTemplate(t, src, time.Second)
		// One input in 1024 (chosen by its hash, so a failure reproduces)
		// is also scanned repeated to fzTemplateAmplify bytes, to expose
		// work that grows faster than the input. Under the fuzzer's
		// coverage instrumentation that scan takes 50-100 ms; doing it
		// more often would cut the fuzzer's pace many times over.
		if len(data) == 0 || crc32.ChecksumIEEE(data)%1024 != 0 {
			return
		}
		big := strings.Repeat(src, fzTemplateAmplify/len(src)+1)[:fzTemplateAmplify]
		fzParseTemplate(t, big, time.Second)
	})
}
