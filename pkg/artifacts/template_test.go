package artifacts

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// elemSummary renders an element as "line:col name attr=value …" with
// flags, for compact table expectations.
func elemSummary(e *HTMLElement) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d:%d %s", e.Pos.Line, e.Pos.Col, e.Name)
	for _, a := range e.Attrs {
		if a.HasValue {
			fmt.Fprintf(&b, " %s=%q", a.Name, a.Value)
		} else {
			fmt.Fprintf(&b, " %s", a.Name)
		}
	}
	if e.SelfClosing {
		b.WriteString(" /")
	}
	if !e.Closed {
		b.WriteString(" (open)")
	}
	if e.Form != nil {
		b.WriteString(" [form]")
	}
	return b.String()
}

func TestTemplateHTML(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "documented bounding box",
			src: `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <crowd-bounding-box name="bb" src="{{ task.input.taskObject | grant_read_access }}">
    <full-instructions header="H"><ul><li>unclosed list</full-instructions>
  </crowd-bounding-box>
</crowd-form>`,
			want: []string{
				`1:1 script src="https://assets.crowd.aws/crowd-html-elements.js"`,
				`2:1 crowd-form`,
				`3:3 crowd-bounding-box name="bb" src="{{ task.input.taskObject | grant_read_access }}" [form]`,
				`4:5 full-instructions header="H" [form]`,
				`4:35 ul (open) [form]`,
				`4:39 li (open) [form]`,
			},
		},
		{
			name: "quotes inside Liquid do not end an attribute",
			src:  `<img src="{{ task.input.x | default: "a>b" }}" alt='it''s'>`,
			want: []string{`1:1 img src="{{ task.input.x | default: \"a>b\" }}" alt="it" 's' (open)`},
		},
		{
			name: "unquoted, valueless and upper-case",
			src:  `<CROWD-Input Name=tag1 required LABEL = "Word"></crowd-input>`,
			want: []string{`1:1 crowd-input name="tag1" required label="Word"`},
		},
		{
			name: "self-closing is recorded, but opens non-void elements",
			src:  "<crowd-form><crowd-input name=\"a\" />\n<p>after</p></crowd-form>",
			want: []string{`1:1 crowd-form`, `1:13 crowd-input name="a" / (open) [form]`, `2:1 p [form]`},
		},
		{
			name: "raw text, HTML comments and Liquid comments hide tags",
			src: "<script>var s = '<crowd-form>';</script><!-- <crowd-form> -->" +
				"{% comment %}<crowd-form>{% endcomment %}<style>p > b {}</style><b>x</b>",
			want: []string{`1:1 script`, `1:103 style`, `1:126 b`},
		},
		{
			name: "Liquid in attribute position",
			src:  `<crowd-checkbox {% if task.input.on %}checked{% endif %} name="c"></crowd-checkbox>`,
			want: []string{`1:1 crowd-checkbox checked name="c"`},
		},
		{
			name: "stray end tag ignored, end tag closes inner elements",
			src:  "</div><crowd-form><div><span></crowd-form><p>",
			want: []string{`1:7 crowd-form`, `1:19 div (open) [form]`, `1:24 span (open) [form]`, `1:43 p (open)`},
		},
		{
			name: "unterminated tag is dropped",
			src:  `<p>ok</p><crowd-form name="x`,
			want: []string{`1:1 p`},
		},
		{
			name: "columns count characters",
			src:  "<p>été</p><b>ü</b>\n  <i>",
			want: []string{`1:1 p`, `1:11 b`, `2:3 i (open)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpl := ParseTemplate(tt.src)
			var got []string
			for _, e := range tpl.Elements {
				got = append(got, elemSummary(e))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("elements (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTemplateContentRanges(t *testing.T) {
	src := "<crowd-form><short-instructions>abc<b>d</b></short-instructions></crowd-form>"
	tpl := ParseTemplate(src)
	si := tpl.Named("short-instructions")
	if len(si) != 1 {
		t.Fatalf("short-instructions: %d", len(si))
	}
	if got := src[si[0].TagEnd:si[0].End]; got != "abc<b>d</b>" {
		t.Errorf("content = %q", got)
	}
	form := tpl.Named("crowd-form")[0]
	var names []string
	for _, e := range tpl.Within(form) {
		names = append(names, e.Name)
	}
	if diff := cmp.Diff([]string{"short-instructions", "b"}, names); diff != "" {
		t.Errorf("Within (-want +got):\n%s", diff)
	}
}

func TestTemplateLiquid(t *testing.T) {
	type out struct {
		Filters []string
		Vars    []string
		Keys    []string
		Errors  []string
	}
	tests := []struct {
		name string
		src  string
		want out
	}{
		{
			name: "filters and variables",
			src:  `<crowd-classifier categories="{{ task.input.labels | to_json | escape }}">{{ task.input.taskObject }}`,
			want: out{
				Filters: []string{"1:54 to_json", "1:64 escape"},
				Vars:    []string{"1:34 task.input.labels", "1:78 task.input.taskObject"},
				Keys:    []string{"labels", "taskObject"},
			},
		},
		{
			name: "hyphenated and quoted keys, arguments, keywords",
			src:  `{{ task.input.source-ref | default: task.input["fallback-ref"] | truncate: 10, ellipsis: "|x" }}{% if a and b contains "c" %}{% endif %}`,
			want: out{
				Filters: []string{"1:28 default", "1:66 truncate"},
				Vars:    []string{"1:4 task.input.source-ref", "1:37 task.input.fallback-ref", "1:103 a", "1:109 b"},
				Keys:    []string{"source-ref", "fallback-ref"},
			},
		},
		{
			name: "tags: for, assign, echo, whitespace control",
			src:  "{%- for box in task.input.boxes reversed limit: 3 -%}{% assign l = box.label | upcase %}{% echo l | append: task.input.suffix %}{% endfor %}",
			want: out{
				Filters: []string{"1:80 upcase", "1:101 append"},
				Vars:    []string{"1:16 task.input.boxes", "1:68 box.label", "1:97 l", "1:109 task.input.suffix"},
				Keys:    []string{"boxes", "suffix"},
			},
		},
		{
			name: "liquid tag",
			src:  "{% liquid\n  assign x = task.input.a | downcase\n  if x\n    echo x\n  endif\n%}",
			want: out{
				Filters: []string{"2:29 downcase"},
				Vars:    []string{"2:14 task.input.a", "3:6 x", "4:10 x"},
				Keys:    []string{"a"},
			},
		},
		{
			name: "raw and comment bodies are not Liquid",
			src:  "{% raw %}{{ task.input.no | bogus }}{% if %}{% endraw %}{% comment %}{{ task.input.no2 }}{% comment %}{% endcomment %}{% if %}{% endcomment %}{% # inline {{ %}",
			want: out{},
		},
		{
			name: "unclosed if",
			src:  "a\n{% if task.input.x %}\n{{ task.input.x }}",
			want: out{
				Vars:   []string{"2:7 task.input.x", "3:4 task.input.x"},
				Keys:   []string{"x"},
				Errors: []string{"2:1 `{% if %}` is never closed (add `{% endif %}`)"},
			},
		},
		{
			name: "closed out of order",
			src:  "{% for a in b %}{% if a %}{% endfor %}{% endif %}",
			want: out{
				Vars: []string{"1:13 b", "1:23 a"},
				Errors: []string{
					"1:17 `{% if %}` is not closed before `{% endfor %}` at line 1 (add `{% endif %}`)",
					"1:39 unmatched `{% endif %}` (no open `{% if %}`)",
				},
			},
		},
		{
			name: "unclosed delimiters",
			src:  "{{ task.input.a <p>{% if x %}ok{% endif %}</p>\n{% assign y = 1",
			want: out{
				Vars: []string{"1:26 x"},
				Errors: []string{
					"1:1 unclosed `{{` (no matching `}}`)",
					"2:1 unclosed `{%` (no matching `%}`)",
				},
			},
		},
		{
			name: "misplaced branches and empty tag",
			src:  "{% else %}{% case x %}{% when 1 %}{% elsif y %}{% endcase %}{% when 2 %}{% %}",
			want: out{
				Vars: []string{"1:19 x", "1:44 y"},
				Errors: []string{
					"1:1 `{% else %}` outside an if, unless, case or for block",
					"1:35 `{% elsif %}` outside an if or unless block",
					"1:61 `{% when %}` outside a case block",
					"1:73 `{% %}` has no tag name",
				},
			},
		},
		{
			name: "unclosed raw and comment",
			src:  "{% comment %} never ends {{ x }}",
			want: out{Errors: []string{"1:1 `{% comment %}` is never closed (add `{% endcomment %}`)"}},
		},
		{
			name: "blocks inside a liquid tag close inside it",
			src:  "{% if a %}{% liquid\nif b\nendif\nendif %}{% endif %}",
			want: out{
				Vars:   []string{"1:7 a", "2:4 b"},
				Errors: []string{"4:1 unmatched `{% endif %}` (no open `{% if %}`)"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpl := ParseTemplate(tt.src)
			var got out
			for _, f := range tpl.Filters {
				got.Filters = append(got.Filters, fmt.Sprintf("%d:%d %s", f.Pos.Line, f.Pos.Col, f.Name))
			}
			for _, v := range tpl.Vars {
				got.Vars = append(got.Vars, fmt.Sprintf("%d:%d %s", v.Pos.Line, v.Pos.Col, v.Path))
			}
			for _, v := range tpl.TaskInputKeys() {
				got.Keys = append(got.Keys, v.Key)
			}
			for _, e := range tpl.Errors {
				got.Errors = append(got.Errors, fmt.Sprintf("%d:%d %s", e.Pos.Line, e.Pos.Col, e.Msg))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if tpl.ErrorCount != len(tpl.Errors) {
				t.Errorf("ErrorCount %d, %d errors", tpl.ErrorCount, len(tpl.Errors))
			}
		})
	}
}

func TestTemplateOutputsIn(t *testing.T) {
	src := `<img src="{{ task.input.a | grant_read_access }}" alt="{{ task.input.b }}">`
	tpl := ParseTemplate(src)
	img := tpl.Named("img")[0]
	src0 := img.Attr("src")
	outs := tpl.OutputsIn(src0.ValueStart, src0.ValueEnd)
	if len(outs) != 1 || !outs[0].Reads("task.input.a") || !outs[0].HasFilter("grant_read_access") || outs[0].Reads("task.input.b") {
		t.Fatalf("outputs in src: %+v", outs)
	}
	if alt := img.Attr("alt"); len(tpl.OutputsIn(alt.ValueStart, alt.ValueEnd)) != 1 {
		t.Errorf("outputs in alt")
	}
	if img.Attr("title") != nil {
		t.Errorf("title attribute found")
	}
}

func TestKnownLiquidFilter(t *testing.T) {
	for _, f := range []string{"escape", "escape_once", "skip_autoescape", "to_json", "grant_read_access", "upcase", "default", "url_encode"} {
		if !KnownLiquidFilter(f) {
			t.Errorf("%s should be known", f)
		}
	}
	for _, f := range []string{"tojson", "grant_read", "json", ""} {
		if KnownLiquidFilter(f) {
			t.Errorf("%s should be unknown", f)
		}
	}
}

func TestReadTemplate(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "t.liquid.html")
	if err := os.WriteFile(p, []byte("<crowd-form></crowd-form>"), 0o644); err != nil {
		t.Fatal(err)
	}
	tpl, err := ReadTemplate(p)
	if err != nil || tpl.Truncated || len(tpl.Elements) != 1 || tpl.Chars != 25 {
		t.Fatalf("ReadTemplate: %v %+v", err, tpl)
	}
	big := filepath.Join(dir, "big.html")
	if err := os.WriteFile(big, []byte(strings.Repeat("x", MaxTemplateBytes+10)), 0o644); err != nil {
		t.Fatal(err)
	}
	tpl, err = ReadTemplate(big)
	if err != nil || !tpl.Truncated || len(tpl.Src) != MaxTemplateBytes {
		t.Fatalf("ReadTemplate big: %v truncated=%v len=%d", err, tpl.Truncated, len(tpl.Src))
	}
	if _, err := ReadTemplate(filepath.Join(dir, "missing.html")); err == nil {
		t.Fatal("missing file: no error")
	}
}

// Hostile input must cost linear time and bounded memory.
func TestTemplateHostile(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		check func(*testing.T, *Template)
	}{
		{
			name: "a million nested if",
			src:  strings.Repeat("{% if x %}", 1_000_000),
			check: func(t *testing.T, tpl *Template) {
				if tpl.ErrorCount != 1_000_000 || len(tpl.Errors) != MaxTemplateErrors {
					t.Errorf("errors: %d kept of %d", len(tpl.Errors), tpl.ErrorCount)
				}
				if e := tpl.Errors[0]; e.Pos.Col != 1 || tpl.Errors[1].Pos.Col != 11 {
					t.Errorf("first errors at %v, %v", e.Pos, tpl.Errors[1].Pos)
				}
				if !tpl.Capped || len(tpl.Tags) != MaxTemplateItems {
					t.Errorf("tags: %d, capped %v", len(tpl.Tags), tpl.Capped)
				}
			},
		},
		{
			name: "a million nested elements",
			src:  strings.Repeat("<div>", 1_000_000) + strings.Repeat("</span>", 1000),
			check: func(t *testing.T, tpl *Template) {
				if len(tpl.Elements) != MaxTemplateItems {
					t.Errorf("elements: %d", len(tpl.Elements))
				}
			},
		},
		{
			name: "a million unclosed outputs",
			src:  strings.Repeat("{{ ", 1_000_000),
			check: func(t *testing.T, tpl *Template) {
				if tpl.ErrorCount != 1_000_000 {
					t.Errorf("errors: %d", tpl.ErrorCount)
				}
			},
		},
		{
			name: "one long line of outputs and attributes",
			src:  strings.Repeat(`<a href="{{ x | f }}" b=c>é`, 200_000),
			check: func(t *testing.T, tpl *Template) {
				last := tpl.Outputs[len(tpl.Outputs)-1]
				if last.Pos.Line != 1 || last.Pos.Col != 199_999*27+10 {
					t.Errorf("last output at %v", last.Pos)
				}
			},
		},
		{
			name: "unterminated comments and quotes",
			src:  "<!--" + strings.Repeat("<a '", 500_000) + "{% raw %}" + strings.Repeat("{%", 500_000),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			tpl := ParseTemplate(tt.src)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			if tt.check != nil {
				tt.check(t, tpl)
			}
		})
	}
}
