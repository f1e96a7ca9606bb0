package artifacts

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// mfScanAll reads every line of text and returns copies of what the tests
// look at.
type mfLineResult struct {
	num       int
	object    bool
	blank     bool
	tooLong   bool
	chars     int
	syntax    string
	notObject bool
	badUTF8   int
	keys      []string
}

func mfScanAll(t *testing.T, text string, opts ManifestOptions) []mfLineResult {
	t.Helper()
	sc := NewManifestScanner(strings.NewReader(text), opts)
	var out []mfLineResult
	for sc.Next() {
		l := sc.Line()
		r := mfLineResult{num: l.Num, object: l.IsObject(), blank: l.Blank, tooLong: l.TooLong, chars: l.LineChars,
			syntax: l.SyntaxErr, notObject: l.NotObject, badUTF8: l.BadUTF8}
		if l.IsObject() {
			for c := l.Child(l.Root()); c != nil; c = l.Next(c) {
				r.keys = append(r.keys, string(l.Key(c)))
			}
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestManifestLines(t *testing.T) {
	deep := strings.Repeat("[", mfMaxDepth-1) + strings.Repeat("]", mfMaxDepth-1)
	tooDeep := strings.Repeat("[", mfMaxDepth) + strings.Repeat("]", mfMaxDepth)
	cases := []struct {
		name   string
		line   string
		object bool   // a complete JSON object
		valid  bool   // valid JSON at all
		keys   string // top-level keys, comma-separated
		bad8   bool   // invalid UTF-8
	}{
		{"simple", `{"source-ref":"s3://b/k.jpg"}`, true, true, "source-ref", false},
		{"spaces", ` { "source" : "x" , "a" : [ 1 , 2 ] } `, true, true, "source,a", false},
		{"empty object", `{}`, true, true, "", false},
		{"nested", `{"a":{"b":[{"c":null},true,false,-0.5e+10]},"d":"\u00e9\"\\\/\b\f\n\r\t"}`, true, true, "a,d", false},
		{"escaped key", `{"source\u002dref":"s3://b/k"}`, true, true, "source-ref", false},
		{"surrogate pair", `{"\ud83d\ude00":1}`, true, true, "😀", false},
		{"lone surrogate", `{"\ud83d":1}`, true, true, "\uFFFD", false},
		{"unicode", `{"source":"日本語のテキスト"}`, true, true, "source", false},
		{"duplicate keys", `{"a":1,"a":2}`, true, true, "a,a", false},
		{"cr inside", "{\"a\":\r1}", true, true, "a", false},
		{"max depth", `{"a":` + deep + `}`, true, true, "a", false},
		{"array", `[{"source-ref":"s3://b/k"}]`, false, true, "", false},
		{"string", `"x"`, false, true, "", false},
		{"null", `null`, false, true, "", false},
		{"number", `12`, false, true, "", false},
		{"too deep", `{"a":` + tooDeep + `}`, false, false, "", false},
		{"trailing comma", `{"a":1,}`, false, false, "", false},
		{"trailing comma array", `{"a":[1,]}`, false, false, "", false},
		{"comment", `{"a":1} // note`, false, false, "", false},
		{"two objects", `{"a":1}{"b":2}`, false, false, "", false},
		{"unterminated", `{"a":"x`, false, false, "", false},
		{"open object", `{"a":1`, false, false, "", false},
		{"pretty first line", `{`, false, false, "", false},
		{"single quotes", `{'a':1}`, false, false, "", false},
		{"bare key", `{a:1}`, false, false, "", false},
		{"missing colon", `{"a" 1}`, false, false, "", false},
		{"missing comma", `{"a":1 "b":2}`, false, false, "", false},
		{"leading zero", `{"a":01}`, false, false, "", false},
		{"bad fraction", `{"a":1.}`, false, false, "", false},
		{"bad exponent", `{"a":1e}`, false, false, "", false},
		{"plus number", `{"a":+1}`, false, false, "", false},
		{"NaN", `{"a":NaN}`, false, false, "", false},
		{"true typo", `{"a":tru}`, false, false, "", false},
		{"raw tab in string", "{\"a\":\"x\ty\"}", false, false, "", false},
		{"bad escape", `{"a":"\x41"}`, false, false, "", false},
		{"short unicode escape", `{"a":"\u00e"}`, false, false, "", false},
		{"BOM", "\ufeff{\"a\":1}", false, false, "", false},
		{"mismatched", `{"a":[1}`, false, false, "", false},
		{"bad utf8 in string", "{\"a\":\"\xff\"}", true, true, "a", true},
		{"bad utf8 outside", "{\"a\":1}\xff", false, false, "", true},
		{"overlong utf8", "{\"a\":\"\xc0\xaf\"}", true, true, "a", true},
		{"surrogate utf8", "{\"a\":\"\xed\xa0\x80\"}", true, true, "a", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := json.Valid([]byte(c.line)); got != c.valid {
				t.Fatalf("bad case: json.Valid = %v", got)
			}
			rs := mfScanAll(t, c.line+"\n", ManifestOptions{})
			if len(rs) != 1 {
				t.Fatalf("got %d lines", len(rs))
			}
			r := rs[0]
			if r.object != c.object {
				t.Errorf("object = %v (syntax %q), want %v", r.object, r.syntax, c.object)
			}
			if valid := r.syntax == ""; valid != c.valid {
				t.Errorf("valid = %v (%q), want %v", valid, r.syntax, c.valid)
			}
			if got := strings.Join(r.keys, ","); c.object && got != c.keys {
				t.Errorf("keys = %q, want %q", got, c.keys)
			}
			if (r.badUTF8 >= 0) != c.bad8 {
				t.Errorf("badUTF8 = %d, want bad %v", r.badUTF8, c.bad8)
			}
		})
	}
}

func TestManifestLineSplitting(t *testing.T) {
	text := "{\"a\":1}\r\n\n  \n{\"b\":2}\n\n"
	rs := mfScanAll(t, text, ManifestOptions{})
	var got []string
	for _, r := range rs {
		got = append(got, fmt.Sprintf("%d:%v:%v", r.num, r.object, r.blank))
	}
	want := []string{"1:true:false", "2:false:true", "3:false:true", "4:true:false", "5:false:true"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lines = %v, want %v", got, want)
	}
	// A single final newline does not make a line; no final newline is fine.
	for _, text := range []string{"{}\n", "{}"} {
		if rs := mfScanAll(t, text, ManifestOptions{}); len(rs) != 1 || !rs[0].object {
			t.Errorf("%q: %+v", text, rs)
		}
	}
	if rs := mfScanAll(t, "", ManifestOptions{}); len(rs) != 0 {
		t.Errorf("empty file: %+v", rs)
	}
}

func TestManifestLongLines(t *testing.T) {
	pad := func(n int, ch string) string { // an object of exactly n characters
		return `{"source":"` + strings.Repeat(ch, n-len(`{"source":""}`)) + `"}`
	}
	exact := pad(MaxLineChars, "x")
	over := pad(MaxLineChars+1, "x")
	wide := pad(MaxLineChars, "é")           // 100,000 characters, ~200 KB: allowed
	huge := pad(3*mfBufSize, "x")            // does not fit the buffer
	hugeWide := pad(mfBufSize/2, "日") + "\r" // does not fit either, counted in characters
	text := strings.Join([]string{exact, over, wide, huge, `{"after":1}`, hugeWide, `{"last":1}`}, "\n")
	rs := mfScanAll(t, text, ManifestOptions{})
	if len(rs) != 7 {
		t.Fatalf("got %d lines", len(rs))
	}
	check := func(i int, tooLong bool, chars int) {
		t.Helper()
		r := rs[i]
		if r.tooLong != tooLong || tooLong && r.chars != chars {
			t.Errorf("line %d: tooLong=%v chars=%d, want %v %d", r.num, r.tooLong, r.chars, tooLong, chars)
		}
		if !tooLong && !r.object {
			t.Errorf("line %d: not an object: %s", r.num, r.syntax)
		}
	}
	check(0, false, 0)
	check(1, true, MaxLineChars+1)
	check(2, false, 0)
	check(3, true, 3*mfBufSize)
	check(4, false, 0)
	check(5, true, mfBufSize/2)
	check(6, false, 0)
	if rs[4].keys[0] != "after" || rs[6].keys[0] != "last" {
		t.Errorf("lines after a long line: %+v %+v", rs[4].keys, rs[6].keys)
	}
}

func TestManifestDeepMembers(t *testing.T) {
	line := `{"source-ref":"s3://b/f.bin","source-ref-metadata":{"format":"binary/xyzi","unix-timestamp":1566861644.759115,"images":[{"fx":1},{"fx":2}]},"other":{"x":1},"cars-metadata":{"type":"groundtruth/object-detection"}}`
	sc := NewManifestScanner(strings.NewReader(line), ManifestOptions{Deep: []string{"source-ref-metadata"}, DeepSuffix: "-metadata"})
	if !sc.Next() {
		t.Fatal("no line")
	}
	l := sc.Line()
	root := l.Root()
	md := l.Get(root, "source-ref-metadata")
	if md == nil || !l.Recorded(md) {
		t.Fatal("source-ref-metadata not recorded")
	}
	if s, _ := l.Str(l.Get(md, "format")); string(s) != "binary/xyzi" {
		t.Errorf("format = %q", s)
	}
	if f, ok := l.Float(l.Get(md, "unix-timestamp")); !ok || f != 1566861644.759115 {
		t.Errorf("unix-timestamp = %v %v", f, ok)
	}
	imgs := l.Get(md, "images")
	if l.Len(imgs) != 2 || string(l.Raw(l.Get(l.Index(imgs, 1), "fx"))) != "2" {
		t.Errorf("images = %q", l.Raw(imgs))
	}
	if other := l.Get(root, "other"); other == nil || l.Recorded(other) || string(l.Raw(other)) != `{"x":1}` {
		t.Errorf("other recorded or wrong span")
	}
	if cm := l.Get(root, "cars-metadata"); !l.Recorded(cm) {
		t.Errorf("-metadata suffix not recorded")
	}
}

// TestManifestNoAllocs: once the buffers have grown, lines cost no
// allocations, for plain and for deep-recorded lines.
func TestManifestNoAllocs(t *testing.T) {
	var b strings.Builder
	for i := range 20000 {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, `{"source-ref":"s3://bucket/images/%06d.jpg"}`+"\n", i)
		case 1:
			fmt.Fprintf(&b, `{"source":"some text \u00e9 %d","meta":{"a":[1,2,{"b":null}]}}`+"\n", i)
		case 2:
			fmt.Fprintf(&b, `{"source-ref":"s3://b/%d.bin","source-ref-metadata":{"format":"binary/xyzi","unix-timestamp":%d.5,"images":[{"fx":1,"position":{"x":1,"y":2,"z":3}}]}}`+"\n", i, i)
		case 3:
			fmt.Fprintf(&b, `{"source-ref":"s3://b/%d.jpg",}`+"\n", i) // bad line
		}
	}
	text := b.String()
	opts := ManifestOptions{Deep: []string{"source-ref-metadata"}, DeepSuffix: "-metadata"}
	r := strings.NewReader(text)
	sc := NewManifestScanner(r, opts)
	// Warm up on the first lines so the node and scratch buffers have grown.
	for range 8 {
		sc.Next()
	}
	lines := 0
	allocs := testing.AllocsPerRun(1, func() {
		for sc.Next() {
			l := sc.Line()
			if l.IsObject() {
				_ = l.Get(l.Root(), "source-ref")
			}
			lines++
		}
	})
	if lines < 19000 {
		t.Fatalf("scanned %d lines", lines)
	}
	if allocs > 0 {
		t.Errorf("%v allocations for %d lines; want none", allocs, lines)
	}
}

// ---------------------------------------------------------------------------
// Agreement with encoding/json over generated lines.

type mfGen struct{ r *rand.Rand }

func (g mfGen) str() string {
	pieces := []string{"a", "source", "source-ref", "x y", "é", "日本", "😀", `\"`, `\\`, `\/`, `\n`, `\u0041`, `\ud83d\ude00`, `\ud83d`, "s3://b/k.jpg", "$", "-", "0"}
	var b strings.Builder
	for range g.r.Intn(5) {
		b.WriteString(pieces[g.r.Intn(len(pieces))])
	}
	return `"` + b.String() + `"`
}

func (g mfGen) num() string {
	nums := []string{"0", "-0", "1", "-12", "3.25", "1e5", "-1.5E-3", "1566861644.759115", "12345678901234567890", "0.0"}
	return nums[g.r.Intn(len(nums))]
}

func (g mfGen) value(depth int) string {
	k := g.r.Intn(10)
	if depth > 4 {
		k %= 6
	}
	sp := func() string {
		return []string{"", "", "", " ", "\t", " \r "}[g.r.Intn(6)]
	}
	switch k {
	case 0, 1:
		return g.str()
	case 2, 3:
		return g.num()
	case 4:
		return []string{"true", "false", "null"}[g.r.Intn(3)]
	case 5:
		return "[]"
	case 6, 7:
		n := g.r.Intn(4)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = sp() + g.str() + sp() + ":" + sp() + g.value(depth+1) + sp()
		}
		return "{" + strings.Join(parts, ",") + "}"
	default:
		n := g.r.Intn(4)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = sp() + g.value(depth+1) + sp()
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
}

func (g mfGen) line() string {
	var s string
	if g.r.Intn(10) == 0 {
		s = g.value(0) // any value at the top
	} else {
		n := 1 + g.r.Intn(4)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = g.str() + ":" + g.value(1)
		}
		s = "{" + strings.Join(parts, ",") + "}"
	}
	// Mutate half of the lines.
	if g.r.Intn(2) == 0 && len(s) > 0 {
		insert := []string{",", "}", "]", "{", "[", ":", `"`, `\`, "x", "0", ".", "e", "-", " ", "\t", "\x01", "\xff", "\xc3", "//", "'", "\r"}
		for range 1 + g.r.Intn(2) {
			i := g.r.Intn(len(s) + 1)
			switch g.r.Intn(3) {
			case 0: // insert
				s = s[:i] + insert[g.r.Intn(len(insert))] + s[i:]
			case 1: // delete
				if i < len(s) {
					s = s[:i] + s[i+1:]
				}
			case 2: // truncate
				s = s[:i]
			}
		}
	}
	return s
}

// TestManifestAgreesWithEncodingJSON: over thousands of generated lines,
// valid and invalid mixed, the scanner rejects exactly the lines
// encoding/json rejects, reads the same top-level members, and decodes
// deep-recorded values to the same result.
func TestManifestAgreesWithEncodingJSON(t *testing.T) {
	g := mfGen{rand.New(rand.NewSource(1))}
	var lines []string
	for len(lines) < 6000 {
		l := g.line()
		if strings.Contains(l, "\n") {
			continue
		}
		lines = append(lines, l)
	}
	text := strings.Join(lines, "\n") + "\n"

	sc := NewManifestScanner(strings.NewReader(text), ManifestOptions{DeepSuffix: ""})
	n, invalid, objects := 0, 0, 0
	for sc.Next() {
		l := sc.Line()
		src := lines[n]
		n++
		src = strings.TrimSuffix(src, "\r")
		b := []byte(src)
		if strings.TrimLeft(src, " \t\r") == "" {
			if !l.Blank {
				t.Errorf("line %d %q: not blank", l.Num, src)
			}
			continue
		}
		valid := json.Valid(b)
		if got := l.SyntaxErr == ""; got != valid {
			t.Errorf("line %d %q: scanner valid=%v (%s), encoding/json valid=%v", l.Num, src, got, l.SyntaxErr, valid)
			continue
		}
		if !valid {
			invalid++
		}
		if got, want := l.BadUTF8 >= 0, !utf8.Valid(b); got != want {
			t.Errorf("line %d %q: bad UTF-8 = %v, want %v", l.Num, src, got, want)
		}
		// The line check of the benchmark baseline: Unmarshal into a map.
		var m map[string]any
		err := json.Unmarshal(b, &m)
		var ute *json.UnmarshalTypeError
		wantObject := err == nil && m != nil || errors.As(err, &ute) && strings.TrimLeft(src, " \t\r")[0] == '{'
		if l.IsObject() != wantObject {
			t.Errorf("line %d %q: object=%v, encoding/json: %v (%v)", l.Num, src, l.IsObject(), wantObject, err)
			continue
		}
		if !l.IsObject() {
			continue
		}
		objects++
		if err != nil {
			continue // a number out of float64 range: valid JSON all the same
		}
		// Same members (last duplicate wins), same string values.
		got := map[string]string{}
		for c := l.Child(l.Root()); c != nil; c = l.Next(c) {
			v := string(l.Raw(c))
			if s, ok := l.Str(c); ok {
				v = "s:" + mfFixUTF8(s)
			}
			got[mfFixUTF8(l.Key(c))] = v
		}
		if len(got) != len(m) {
			t.Errorf("line %d %q: keys %v, encoding/json %v", l.Num, src, mfKeysOf(got), mfKeysOfAny(m))
			continue
		}
		for k, v := range m {
			gv, ok := got[k]
			if !ok {
				t.Errorf("line %d %q: key %q missing", l.Num, src, k)
				continue
			}
			if s, isStr := v.(string); isStr && gv != "s:"+s {
				t.Errorf("line %d %q: %q = %q, encoding/json %q", l.Num, src, k, gv, s)
			}
		}
		// The fully recorded tree decodes to what encoding/json decodes.
		d, _, perr := ParseDocument(b)
		if perr != nil {
			t.Errorf("line %d: ParseDocument: %v", l.Num, perr)
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		if got := mfToAny(d, d.Root()); !reflect.DeepEqual(got, want) {
			t.Errorf("line %d %q: tree %#v, encoding/json %#v", l.Num, src, got, want)
		}
	}
	if n != len(lines) {
		t.Fatalf("scanned %d lines, generated %d", n, len(lines))
	}
	if invalid < 1000 || objects < 1000 {
		t.Fatalf("poor mix: %d invalid, %d objects", invalid, objects)
	}
}

func mfToAny(d *Tree, n *TreeNode) any {
	switch n.Kind {
	case NodeNull:
		return nil
	case NodeBool:
		return string(d.Raw(n)) == "true"
	case NodeNumber:
		return json.Number(d.Raw(n))
	case NodeString:
		s, _ := d.Str(n)
		return mfFixUTF8(s)
	case NodeArray:
		out := []any{}
		for c := d.Child(n); c != nil; c = d.Next(c) {
			out = append(out, mfToAny(d, c))
		}
		return out
	case NodeObject:
		out := map[string]any{}
		for c := d.Child(n); c != nil; c = d.Next(c) {
			out[mfFixUTF8(d.Key(c))] = mfToAny(d, c)
		}
		return out
	}
	return "?"
}

// mfFixUTF8 replaces each invalid byte with U+FFFD, as encoding/json does
// when it decodes a string (the scanner hands back the bytes as they are;
// such a line is a GT6000 finding anyway).
func mfFixUTF8(b []byte) string {
	var sb strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		sb.WriteRune(r)
		b = b[size:]
	}
	return sb.String()
}

func mfKeysOf(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func mfKeysOfAny(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func TestParseDocument(t *testing.T) {
	src := "{\n  \"seq-no\": 1,\n  \"frames\": [\n    {\"frame\": \"a.jpg\"}\n  ]\n}\n"
	d, bad, err := ParseDocument([]byte(src))
	if err != nil || bad >= 0 {
		t.Fatal(err, bad)
	}
	f := d.Index(d.Get(d.Root(), "frames"), 0)
	if s, _ := d.Str(d.Get(f, "frame")); string(s) != "a.jpg" {
		t.Errorf("frame = %q", s)
	}
	if v, ok := d.Int(d.Get(d.Root(), "seq-no")); !ok || v != 1 {
		t.Errorf("seq-no = %v", v)
	}
	if _, _, err := ParseDocument([]byte(`{"a":1,}`)); err == nil {
		t.Error("want a syntax error")
	}
}

// TestManifestStringBytes puts each kind of special byte at every position
// of a word-at-a-time string scan and compares with encoding/json.
func TestManifestStringBytes(t *testing.T) {
	specials := []string{`"`, `\`, `\"`, `\\`, `\u00e9`, `\q`, "\x00", "\x1f", "\x7f", "\x80", "\xff", "é", "😀", "\xe6\x97"}
	var lines []string
	for _, sp := range specials {
		for pos := 0; pos <= 17; pos++ {
			body := strings.Repeat("x", pos) + sp + strings.Repeat("y", 17-pos)
			lines = append(lines, `{"k`+body+`":"`+body+`"}`)
		}
	}
	sc := NewManifestScanner(strings.NewReader(strings.Join(lines, "\n")), ManifestOptions{})
	i := 0
	for sc.Next() {
		l := sc.Line()
		src := []byte(lines[i])
		i++
		if got, want := l.SyntaxErr == "", json.Valid(src); got != want {
			t.Errorf("%q: valid=%v (%s), encoding/json %v", src, got, l.SyntaxErr, want)
		}
		if got, want := l.BadUTF8 >= 0, !utf8.Valid(src); got != want {
			t.Errorf("%q: bad UTF-8 = %v, want %v", src, got, want)
		}
		if l.IsObject() {
			var m map[string]string
			if err := json.Unmarshal(src, &m); err != nil {
				t.Fatal(err)
			}
			c := l.Child(l.Root())
			v, _ := l.Str(c)
			if want := m[mfFixUTF8(l.Key(c))]; mfFixUTF8(v) != want {
				t.Errorf("%q: value %q, encoding/json %q", src, v, want)
			}
		}
	}
	if i != len(lines) {
		t.Fatalf("scanned %d of %d lines", i, len(lines))
	}
}
