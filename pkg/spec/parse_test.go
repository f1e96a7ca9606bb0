package spec

import (
	"strings"
	"testing"
)

func TestParsePositions(t *testing.T) {
	docs, errs := Parse("a.yaml", []byte("LabelingJobName: birds\nHumanTaskConfig:\n  TaskTimeLimitInSeconds: 0x258\n  TaskKeywords: [Images, \"Boxes\"]\n---\nLabelingJobName: second\n"))
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(docs) != 2 || docs[1].Index != 1 || docs[1].JobName() != "second" {
		t.Fatalf("documents: %+v", docs)
	}
	root := docs[0].Root
	for _, tc := range []struct {
		path      string
		kind      Kind
		value     string
		line, col int
	}{
		{"LabelingJobName", String, "birds", 1, 18},
		{"HumanTaskConfig.TaskTimeLimitInSeconds", Int, "600", 3, 27},
		{"HumanTaskConfig.TaskKeywords", Seq, "", 4, 17},
	} {
		n := root.Lookup(tc.path)
		if n == nil || n.Kind != tc.kind || n.Value != tc.value || n.Line != tc.line || n.Col != tc.col {
			t.Errorf("%s = %+v, want %v %q at %d:%d", tc.path, n, tc.kind, tc.value, tc.line, tc.col)
		}
	}
	kw := root.Lookup("HumanTaskConfig.TaskKeywords")
	if !kw.Values[1].Quoted || kw.Values[0].Quoted {
		t.Errorf("quoting not recorded: %+v", kw.Values)
	}
	if k := root.KeyNode("HumanTaskConfig"); k == nil || k.Line != 2 || k.Col != 1 {
		t.Errorf("key node = %+v", k)
	}
}

func TestParseAliasesAndMerge(t *testing.T) {
	src := "base: &b {RoleArn: r, TaskTitle: t}\njob:\n  <<: *b\n  TaskTitle: own\nlist: [*b, *b]\n"
	docs, errs := Parse("a.yaml", []byte(src))
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	job := docs[0].Root.Get("job")
	if v, _, _ := job.Str("TaskTitle"); v != "own" {
		t.Errorf("own key must win over the merge: %q", v)
	}
	if v, _, _ := job.Str("RoleArn"); v != "r" {
		t.Errorf("merged key missing: %q", v)
	}
	if l := docs[0].Root.Get("list"); len(l.Values) != 2 || l.Values[1].Line != 5 {
		t.Errorf("alias uses keep their own position: %+v", l)
	}
}

func TestParseErrors(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g"} {
		bomb += n + ": &" + n + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
		prev = n
	}
	for _, tc := range []struct {
		name, src string
		line, col int
		msg       string
		docs      int
	}{
		{"empty", "  \n", 1, 1, "file is empty", 0},
		{"list", "- a\n- b\n", 1, 1, "must be a mapping", 0},
		{"scalar", "hello\n", 1, 1, "must be a mapping", 0},
		{"syntax", "a: b\nc: [d\ne: f\n", 0, 0, "does not parse", 0},
		{"json syntax", "{\"a\": 1,, \"b\": 2}", 1, 9, "does not parse", 0},
		{"duplicate key", "a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key \"a\" (first at line 1)", 1},
		{"invalid utf-8", "a: b\nc: \xff\n", 2, 4, "not valid UTF-8", 0},
		{"nul", "a: b\x00\n", 1, 5, "NUL byte", 0},
		{"alias bomb", bomb, 0, 0, "more than", 0},
		{"deep", strings.Repeat("[", 100) + strings.Repeat("]", 100), 0, 0, "nested more than", 0},
		{"tab", "a:\n\tb: c\n", 2, 1, "tab", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs, errs := Parse("f.yaml", []byte(tc.src))
			if len(errs) == 0 {
				t.Fatalf("no error")
			}
			e := errs[0]
			if !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("message %q does not contain %q", e.Msg, tc.msg)
			}
			if tc.line > 0 && (e.Line != tc.line || e.Col != tc.col) {
				t.Errorf("position %d:%d, want %d:%d", e.Line, e.Col, tc.line, tc.col)
			}
			if e.Line < 1 || e.Col < 1 {
				t.Errorf("position %d:%d is not 1-based", e.Line, e.Col)
			}
			if len(docs) != tc.docs {
				t.Errorf("%d documents, want %d", len(docs), tc.docs)
			}
		})
	}
}

func TestData(t *testing.T) {
	docs, _ := Parse("a.yaml", []byte("a: 1\nb: 1.5\nc: [x, true, null]\nd: {e: f}\n"))
	m := docs[0].Root.Data().(map[string]any)
	if m["a"] != int64(1) || m["b"] != 1.5 {
		t.Errorf("numbers: %#v", m)
	}
	c := m["c"].([]any)
	if c[0] != "x" || c[1] != true || c[2] != nil {
		t.Errorf("list: %#v", c)
	}
	if m["d"].(map[string]any)["e"] != "f" {
		t.Errorf("map: %#v", m["d"])
	}
}

func TestEncodeYAMLRoundTrip(t *testing.T) {
	in := map[string]any{"LabelingJobName": "birds", "HumanTaskConfig": map[string]any{"TaskTimeLimitInSeconds": int64(600), "TaskKeywords": []any{"Images"}}, "Tags": []any{map[string]any{"Value": "v", "Key": "k"}}}
	order := func(path string) []string {
		switch path {
		case "":
			return []string{"LabelingJobName", "HumanTaskConfig", "Tags"}
		case "Tags[]":
			return []string{"Key", "Value"}
		}
		return nil
	}
	b, err := EncodeYAML(in, order, "header")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.HasPrefix(s, "# header\nLabelingJobName: birds\n") || !strings.Contains(s, "- Key: k\n    Value: v") {
		t.Errorf("order or header wrong:\n%s", s)
	}
	docs, errs := Parse("x.yaml", b)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if v, _, _ := docs[0].Root.Int("HumanTaskConfig.TaskTimeLimitInSeconds"); v != 600 {
		t.Errorf("round trip lost the integer: %v", v)
	}
}
