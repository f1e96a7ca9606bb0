package artifacts

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The seed page's label category file (sms-create-labeling-job-api.md):
// no comma after "document-version", and a "..." placeholder.
const lblSeed = `{
    "document-version": "2018-11-28"
    "labels": [
        {"label": "label_1"},
        {"label": "label_2"},
        ...
        {"label": "label_n"}
    ]
}
`

func TestParseLabelsErrors(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		line, col int
		path      string
		msg       string // a substring of the message
	}{
		{"seed missing comma", lblSeed, 2, 37, "", "missing `,` after the value of \"document-version\""},
		{"seed placeholder", strings.Replace(lblSeed, `"2018-11-28"`, `"2018-11-28",`, 1), 6, 9, "labels[2]", "`...` is a documentation placeholder"},
		{"trailing comma in array", "{\"labels\": [\n  {\"label\": \"a\"},\n  {\"label\": \"b\"},\n]}", 3, 17, "labels", "trailing comma before `]`"},
		{"trailing comma in object", "{\"labels\": [], }", 1, 14, "", "trailing comma before `}`"},
		{"trailing comma in label", "{\"labels\": [{\"label\": \"a\",}]}", 1, 26, "labels[0]", "trailing comma before `}`"},
		{"line comment", "{\n  // labels\n  \"labels\": []\n}", 2, 3, "", "comments are not allowed"},
		{"block comment after value", "{\"labels\": [] /* none */}", 1, 15, "", "comments are not allowed"},
		{"comment in array", "{\"labels\": [\n  {\"label\": \"a\"} // first\n]}", 2, 18, "labels", "comments are not allowed"},
		{"placeholder list", "{\"labels\": [{\"label\": \"a\", \"categoryAttributes\": [...]}]}", 1, 51, "labels[0].categoryAttributes[0]", "`...` is a documentation placeholder"},
		{"placeholder member", "{\"labels\": [],\n ...\n}", 2, 2, "", "`...` is a documentation placeholder"},
		{"raw newline in string", "{\"instructions\": {\"fullInstruction\": \"<ol>\n<li>Read</li></ol>\"}}", 1, 43, "instructions.fullInstruction", "line break inside a string"},
		{"raw CRLF in string", "{\r\n\"a\": \"x\r\ny\"}", 2, 8, "a", "line break inside a string"},
		{"tab in string", "{\"a\": \"x\ty\"}", 1, 9, "a", "tab character inside a string"},
		{"columns count characters", "{\"é\": \"ü\" \"b\": 1}", 1, 10, "", "missing `,`"},
		{"unterminated string", "{\"labels\": [{\"label\": \"cat}]}\n", 1, 23, "labels[0].label", "never closed"},
		{"unclosed array", "{\"labels\": [\n  {\"label\": \"a\"}\n", 1, 12, "labels", "the array opened here is never closed: the file ends at line 3, column 1"},
		{"single quotes", "{\"labels\": [{'label': 'a'}]}", 1, 14, "labels[0]", "single-quoted"},
		{"unquoted key", "{labels: []}", 1, 2, "", "write \"labels\""},
		{"python literal", "{\"a\": True}", 1, 7, "a", "lowercase"},
		{"NaN", "{\"a\": NaN}", 1, 7, "a", "`NaN` is not a JSON value"},
		{"leading zero", "{\"a\": 007}", 1, 7, "a", "leading zeros"},
		{"bare decimal point", "{\"a\": 1.}", 1, 8, "a", "decimal point"},
		{"plus sign", "{\"a\": +1}", 1, 7, "a", "can't start with `+`"},
		{"bad escape", "{\"a\": \"\\x41\"}", 1, 8, "a", "invalid escape `\\x`"},
		{"bad unicode escape", "{\"a\": \"\\u12\"}", 1, 8, "a", "four hex digits"},
		{"missing colon", "{\"a\" 1}", 1, 6, "", "expected `:` after the key \"a\""},
		{"double comma", "{\"a\": [1,,2]}", 1, 10, "a[1]", "extra comma"},
		{"missing comma in array", "[1\n 2]", 1, 3, "", "missing `,` between array items (the next item starts at line 2, column 2)"},
		{"trailing content", "{}\n{}", 2, 1, "", "after the end of the JSON value"},
		{"smart quotes", "{\"a\": “b”}", 1, 7, "a", "typographic quote"},
		{"empty", " \n ", 1, 1, "", "the file is empty"},
		{"byte order mark", "\uFEFF{}", 1, 1, "", "byte order mark"},
		{"invalid UTF-8", "{\"a\": \"caf\xe9\"}", 1, 11, "", "invalid UTF-8 byte 0xe9"},
		{"NUL byte", "{\"a\": \"\x00\"}", 1, 8, "a", "control character U+0000"},
		{"lone CR counts as a line", "{\r\"a\": 1\r\"b\": 2}", 2, 7, "", "missing `,`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseJSON([]byte(tt.in))
			var se *JSONError
			if !errors.As(err, &se) {
				t.Fatalf("ParseJSON(%q) = %v, want a *JSONError", tt.in, err)
			}
			if se.Line != tt.line || se.Col != tt.col || se.Path != tt.path {
				t.Errorf("error at %d:%d path %q, want %d:%d path %q (%s)", se.Line, se.Col, se.Path, tt.line, tt.col, tt.path, se.Msg)
			}
			if !strings.Contains(se.Msg, tt.msg) {
				t.Errorf("message %q does not contain %q", se.Msg, tt.msg)
			}
		})
	}
}

// lblTok is a key or value with its position, for comparing trees.
type lblTok struct {
	Path      string
	Kind      string
	Text      string
	Line, Col int
	KeyLine   int
	KeyCol    int
}

func lblFlatten(v *Value, path string, out *[]lblTok) {
	*out = append(*out, lblTok{path, v.Kind.String(), v.Text, int(v.Line), int(v.Col), int(v.KeyLine), int(v.KeyCol)})
	for i := range v.Kids {
		k := &v.Kids[i]
		p := IndexPath(path, i)
		if v.Kind == ObjectValue {
			p = MemberPath(path, k.Key)
		}
		lblFlatten(k, p, out)
	}
}

func TestParseLabelsPositions(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []lblTok
	}{
		{
			name: "standard file",
			in: "{\n" +
				"  \"document-version\": \"2018-11-28\",\n" +
				"  \"labels\": [\n" +
				"    {\"label\": \"cat\"},\n" +
				"    {\"label\": \"d\\u00f6g\", \"n\": -1.5e3}\n" +
				"  ]\n" +
				"}\n",
			want: []lblTok{
				{"", "object", "", 1, 1, 0, 0},
				{"document-version", "string", "2018-11-28", 2, 23, 2, 3},
				{"labels", "array", "", 3, 13, 3, 3},
				{"labels[0]", "object", "", 4, 5, 0, 0},
				{"labels[0].label", "string", "cat", 4, 15, 4, 6},
				{"labels[1]", "object", "", 5, 5, 0, 0},
				{"labels[1].label", "string", "dög", 5, 15, 5, 6},
				{"labels[1].n", "number", "-1.5e3", 5, 32, 5, 27},
			},
		},
		{
			name: "characters, CRLF, tabs and literals",
			in:   "{\"é€\":\t[true, false, null],\r\n\"k\": {}}",
			want: []lblTok{
				{"", "object", "", 1, 1, 0, 0},
				{`["é€"]`, "array", "", 1, 8, 1, 2},
				{`["é€"][0]`, "boolean", "true", 1, 9, 0, 0},
				{`["é€"][1]`, "boolean", "false", 1, 15, 0, 0},
				{`["é€"][2]`, "null", "null", 1, 22, 0, 0},
				{"k", "object", "", 2, 6, 2, 1},
			},
		},
		{
			name: "escaped key and surrogate pair",
			in:   `{"a\"b": "\ud83d\ude00\/"}`,
			want: []lblTok{
				{"", "object", "", 1, 1, 0, 0},
				{`["a\"b"]`, "string", "😀/", 1, 10, 1, 2},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseJSON([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var got []lblTok
			lblFlatten(f.Root, "", &got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("tokens (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseLabelsDuplicates(t *testing.T) {
	in := "{\n  \"labels\": [{\"label\": \"a\", \"label\": \"b\"}],\n  \"labels\": []\n}"
	f, err := ParseJSON([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Duplicate{
		{Key: "labels", Path: "labels", Pos: Pos{3, 3}, First: Pos{2, 3}},
		{Key: "label", Path: "labels[0].label", Pos: Pos{2, 29}, First: Pos{2, 15}},
	}
	if diff := cmp.Diff(want, f.Duplicates); diff != "" {
		t.Errorf("duplicates (-want +got):\n%s", diff)
	}
	if l := f.Root.Get("labels"); l == nil || len(l.Kids) != 0 {
		t.Errorf("Get returns the first of a repeated key; want the last")
	}
	// Many keys: the map path.
	var b strings.Builder
	b.WriteString("{")
	for i := range 20 {
		fmt.Fprintf(&b, "\"k%d\": %d, ", i, i)
	}
	b.WriteString("\"k7\": 0}")
	f, err = ParseJSON([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Duplicates) != 1 || f.Duplicates[0].Path != "k7" {
		t.Errorf("duplicates = %+v, want one for k7", f.Duplicates)
	}
}

func TestParseLabelsDepth(t *testing.T) {
	ok := strings.Repeat("[", MaxJSONDepth) + strings.Repeat("]", MaxJSONDepth)
	if _, err := ParseJSON([]byte(ok)); err != nil {
		t.Fatalf("nesting of exactly %d: %v", MaxJSONDepth, err)
	}
	// Far deeper than the cap: a finding, not a stack overflow.
	deep := strings.Repeat("[", 1_000_000)
	_, err := ParseJSON([]byte(deep))
	var se *JSONError
	if !errors.As(err, &se) {
		t.Fatalf("got %v, want a *JSONError", err)
	}
	if se.Line != 1 || se.Col != MaxJSONDepth+1 || !strings.Contains(se.Msg, "deeper than 256") {
		t.Errorf("got %d:%d %q, want 1:%d and the depth cap", se.Line, se.Col, se.Msg, MaxJSONDepth+1)
	}
	if want := strings.Repeat("[0]", MaxJSONDepth); se.Path != want {
		t.Errorf("path = %.30q…, want %.30q…", se.Path, want)
	}
	mixed := strings.Repeat(`{"a":[`, 200)
	if _, err := ParseJSON([]byte(mixed)); err == nil || !strings.Contains(err.Error(), "deeper than") {
		t.Errorf("objects and arrays nested 400 deep: %v", err)
	}
}

func TestParseLabelsValues(t *testing.T) {
	f, err := ParseJSON([]byte(`{"min": 0, "max": 10, "dec": 1.0, "exp": 1e2, "big": 123456789012345678901234567890, "s": "x"}`))
	if err != nil {
		t.Fatal(err)
	}
	r := f.Root
	if v, ok := r.Get("max").Int64(); !ok || v != 10 {
		t.Errorf("max = %d, %v", v, ok)
	}
	for _, k := range []string{"dec", "exp"} {
		if r.Get(k).IsInteger() {
			t.Errorf("%s: IsInteger = true, want false", k)
		}
	}
	if !r.Get("big").IsInteger() {
		t.Errorf("big: IsInteger = false")
	}
	if _, ok := r.Get("big").Int64(); ok {
		t.Errorf("big: Int64 ok, want overflow")
	}
	if s, ok := r.Get("s").Str(); !ok || s != "x" {
		t.Errorf("s = %q, %v", s, ok)
	}
	var nilValue *Value
	if nilValue.Get("x") != nil || nilValue.IsInteger() {
		t.Errorf("methods on a nil *Value must be safe")
	}
}

func TestMemberPath(t *testing.T) {
	for _, tt := range []struct{ path, key, want string }{
		{"", "labels", "labels"},
		{"labels[0]", "label", "labels[0].label"},
		{"", "document-version", "document-version"},
		{"instructions", "my key", `instructions["my key"]`},
		{"", "", `[""]`},
	} {
		if got := MemberPath(tt.path, tt.key); got != tt.want {
			t.Errorf("MemberPath(%q, %q) = %q, want %q", tt.path, tt.key, got, tt.want)
		}
	}
}

// lblMillion is a standard label file with n labels, one per line.
func lblMillion(n int) []byte {
	var b bytes.Buffer
	b.Grow(n * 32)
	b.WriteString("{\n  \"document-version\": \"2018-11-28\",\n  \"labels\": [\n")
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "    {\"label\": \"label-%07d\"}", i)
	}
	b.WriteString("\n  ]\n}\n")
	return b.Bytes()
}

func TestParseLabelsMillion(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	data := lblMillion(1_000_000)
	f, err := ParseJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	l := f.Root.Get("labels")
	if l.Len() != 1_000_000 || len(l.Kids) != MaxKeptChildren {
		t.Fatalf("%d labels, %d of them built; want 1,000,000 and %d", l.Len(), len(l.Kids), MaxKeptChildren)
	}
	last := l.Kids[MaxKeptChildren-1].Get("label")
	if last.Text != "label-0009999" || last.Line != 10_003 || last.Col != 15 {
		t.Errorf("last built label %q at %d:%d, want label-0009999 at 10003:15", last.Text, last.Line, last.Col)
	}
	if f.Root.Len() != 2 || f.Root.Kids[1].Key != "labels" {
		t.Errorf("root: %d members, second %q", f.Root.Len(), f.Root.Kids[1].Key)
	}

	// The labels past the cap are not built but still read: a broken one
	// is found where it is.
	broken := bytes.Replace(data, []byte(`"label-0999999"}`), []byte(`"label-0999999",}`), 1)
	_, err = ParseJSON(broken)
	var je *JSONError
	if !errors.As(err, &je) || je.Line != 1_000_003 || je.Path != "labels[999999]" {
		t.Errorf("broken last label: %v (%+v), want an error at line 1000003 in labels[999999]", err, je)
	}
}

// TestParseJSONTooManyValues: the count stops at MaxJSONValues, at the
// value that passes it.
func TestParseJSONTooManyValues(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	data := []byte("[" + strings.Repeat("0,", MaxJSONValues) + "0]")
	_, err := ParseJSON(data)
	var je *JSONError
	if !errors.As(err, &je) || !strings.Contains(je.Msg, "more than 2500000 JSON values") || je.Path != "[2499999]" {
		t.Errorf("err = %v (%+v), want more than 2500000 values at [2499999]", err, je)
	}
}

func BenchmarkParseLabels(b *testing.B) {
	data := lblMillion(1_000_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ParseJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}
