package lint

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/gtctl/gtctl/pkg/rules"
	"github.com/gtctl/gtctl/pkg/rules/ruledoc"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md from the rule catalog and the fixtures")

// TestRulesDocUpToDate regenerates docs/rules.md: the catalog, with each
// rule's fixture under testdata/rules linted for its example, from the
// repository root as a user would run gtctl. It fails when the file
// differs; -update rewrites it.
func TestRulesDocUpToDate(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	examples := ruleExamples(t)
	got := ruledoc.Markdown(examples)

	const path = "docs/rules.md"
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("docs/rules.md is out of date; run go test ./pkg/lint -run TestRulesDoc -update\n%s", firstDiff(want, got))
	}
}

// ruleExamples lints the fixtures under testdata/rules and picks, for each
// rule, its fixture: testdata/rules/<ID>.yaml when there is one, otherwise
// the first <ID>_*.yaml, preferring one that reports the rule.
func ruleExamples(t *testing.T) map[string]ruledoc.Example {
	t.Helper()
	files := fixtureFiles(t, "testdata/rules")
	byRule := map[string][]string{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		id, variant, _ := strings.Cut(name, "_")
		if variant == "" {
			byRule[id] = append([]string{f}, byRule[id]...)
		} else {
			byRule[id] = append(byRule[id], f)
		}
	}
	var inputs []Input
	for _, id := range sortedKeys(byRule) {
		for _, f := range byRule[id] {
			inputs = append(inputs, Input{Path: filepath.ToSlash(f)})
		}
	}
	l, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	results := map[string]*FileResult{}
	err = l.Stream(context.Background(), inputs, func(r *FileResult) error {
		results[r.Path] = r
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	examples := map[string]ruledoc.Example{}
	for _, r := range rules.All() {
		fs := byRule[r.ID]
		if len(fs) == 0 {
			continue
		}
		ex := ruledoc.Example{Fixture: filepath.ToSlash(fs[0])}
		for _, f := range fs {
			var found ruledoc.Example
			for _, d := range results[filepath.ToSlash(f)].Diagnostics {
				if d.Rule == r.ID && d.Suppressed == "" {
					d.File = filepath.ToSlash(d.File)
					found.Findings = append(found.Findings, d)
				}
			}
			if len(found.Findings) > 0 {
				found.Fixture = filepath.ToSlash(f)
				ex = found
				break
			}
		}
		examples[r.ID] = ex
	}
	return examples
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// firstDiff shows the first line where the committed file and the
// generated one differ.
func firstDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "first difference at line " + strconv.Itoa(i+1) + ":\n  committed: " + a + "\n  generated: " + b
		}
	}
	return ""
}
