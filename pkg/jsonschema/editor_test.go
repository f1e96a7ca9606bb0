package jsonschema

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

type editorResult struct {
	File        string `json:"file"`
	Diagnostics []struct {
		Line     int    `json:"line"`
		Severity int    `json:"severity"`
		Message  string `json:"message"`
	} `json:"diagnostics"`
}

// editor runs tools/jsonschema/editor.mjs: yaml-language-server's
// diagnostics for each file, as VS Code would show them.
func editor(t *testing.T, files []string) map[string]editorResult {
	t.Helper()
	exe := node(t)
	b, err := Generate(compile(t))
	if err != nil {
		t.Fatal(err)
	}
	schemaFile := filepath.Join(t.TempDir(), "gtctl.schema.json")
	if err := os.WriteFile(schemaFile, b, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, append([]string{filepath.Join("tools", "jsonschema", "editor.mjs"), schemaFile}, files...)...)
	cmd.Dir = repoRoot
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("editor.mjs: %v\n%s", err, stderr.String())
	}
	res := map[string]editorResult{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r editorResult
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("editor.mjs output: %v\n%s", err, sc.Text())
		}
		res[r.File] = r
	}
	for _, f := range files {
		if _, ok := res[f]; !ok {
			t.Fatalf("editor.mjs reported nothing for %s", f)
		}
	}
	return res
}

// An editor using the schema (yaml-language-server) is silent on valid
// specs and flags each mistake on the member's lines.
func TestEditorDiagnostics(t *testing.T) {
	var valid []string
	for _, f := range glob(t, "specs/*.yaml", "specs/*.yml") {
		if isSpec(t, f) {
			valid = append(valid, f)
		}
	}
	valid = append(valid, glob(t, "testdata/valid/*.yaml", "testdata/valid/*.yml")...)
	rejects := map[string][]string{
		"testdata/rules/GT1010.yaml":     {"/HumanTaskConfig"},
		"testdata/rules/GT1000_int.yaml": {"/HumanTaskConfig/NumberOfHumanWorkersPerDataObject"},
		"testdata/rules/GT1190.yaml":     {"/HumanTaskConfig/NumberOfHumanWorkersPerDataObject"},
	}
	for _, f := range glob(t, "testdata/jsonschema/*.yaml") {
		accept, rs := markers(t, f)
		if accept {
			valid = append(valid, f)
			continue
		}
		for _, r := range rs {
			path, _, _ := strings.Cut(r, " ")
			rejects[f] = append(rejects[f], path)
		}
	}
	files := append([]string(nil), valid...)
	for f := range rejects {
		files = append(files, f)
	}
	res := editor(t, files)
	for _, f := range valid {
		for _, d := range res[f].Diagnostics {
			t.Errorf("%s:%d: the editor flags a valid spec: %s", f, d.Line, d.Message)
		}
	}
	for f, paths := range rejects {
		r := res[f]
		if len(r.Diagnostics) == 0 {
			t.Errorf("%s: the editor shows no diagnostic", f)
			continue
		}
		for _, p := range paths {
			first, last := span(t, f, p)
			found := false
			for _, d := range r.Diagnostics {
				found = found || d.Line >= first && d.Line <= last
			}
			if !found {
				t.Errorf("%s: no diagnostic on lines %d-%d (%s); got %+v", f, first, last, p, r.Diagnostics)
			}
		}
	}
}

// span returns the lines of the member at a JSON pointer in a YAML file's
// first document: its key through the end of its value.
func span(t *testing.T, file, pointer string) (int, int) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, file))
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
		t.Fatalf("%s: %v", file, err)
	}
	n, first := doc.Content[0], 1
	for _, seg := range strings.Split(strings.Trim(pointer, "/"), "/") {
		if seg == "" {
			continue
		}
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == seg {
					next, first = n.Content[i+1], n.Content[i].Line
				}
			}
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(seg); err == nil && i < len(n.Content) {
				next = n.Content[i]
				first = next.Line
			}
		}
		if next == nil {
			t.Fatalf("%s: no %s", file, pointer)
		}
		n = next
	}
	last := first
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		last = max(last, n.Line)
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return first, last
}
