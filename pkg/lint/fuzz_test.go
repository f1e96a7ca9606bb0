package lint

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gtctl/gtctl/internal/fixtures"
	"github.com/gtctl/gtctl/pkg/rules"
)

// FuzzLintDocument parses and lints one spec given as bytes. The linter
// must never panic (a recovered panic shows as a GT1000 "internal error"
// finding, which fails here), and every finding must carry a position, a
// rule of the catalog and a severity.
//
//	go test -run '^$' -fuzz FuzzLintDocument -fuzztime 60s ./pkg/lint
func FuzzLintDocument(f *testing.F) {
	// The second argument picks the fixture directory a fuzzed spec
	// pretends to live in, so that the local files its seed names
	// (files/GT5000-labels.json, labels/birds.json, ...) resolve and the
	// file rules run too.
	fixtures.Walk(f, []string{".yaml", ".yml", ".json"}, func(dir int, _ string, b []byte) { f.Add(b, uint8(dir)) })
	root, err := fixtures.Root()
	if err != nil {
		f.Fatal(err)
	}
	// Hostile shapes, small enough for the fuzzer to mutate.
	f.Add([]byte("a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n"), uint8(0))
	f.Add([]byte("base: &b {LabelingJobName: x}\njob:\n  <<: [*b, *b]\n  <<: *b\n"), uint8(0))
	f.Add([]byte(strings.Repeat("[", 100)+strings.Repeat("]", 100)), uint8(0))
	f.Add([]byte(strings.Repeat("{\"a\":", 100)+"1"+strings.Repeat("}", 100)), uint8(0))
	f.Add([]byte("LabelingJobName: \"\xff\"\n"), uint8(0))
	f.Add([]byte("LabelingJobName: a\x00\n"), uint8(0))
	f.Add([]byte("---\n---\nLabelingJobName: a\n...\n--- [1]\n"), uint8(0))
	f.Add([]byte("{\"LabelingJobName\": \"x\", \"LabelingJobName\": \"y\"}"), uint8(1))
	f.Add([]byte("LabelCategoryConfigS3Uri: files/GT5000-labels.json\nInputConfig: {DataSource: {S3DataSource: {ManifestS3Uri: files/GT6000.manifest}}}\n"), uint8(0))
	f.Add([]byte("? [a]\n: b\n"), uint8(0))
	f.Add([]byte("# gtctl:ignore GT1010\nx: !!binary aGk=\ny: 0x1F\nz: 1_000\nw: .inf\n"), uint8(0))

	l, err := New(Options{Workers: 1})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, dir uint8) {
		if len(data) == 0 {
			return // Input.Data nil means "read Path"
		}
		path := filepath.Join(root, fixtures.Dirs[int(dir)%len(fixtures.Dirs)], "fuzz.yaml")
		res, err := l.Run(context.Background(), []Input{{Path: path, Data: data}})
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		for _, d := range res.Diagnostics {
			if strings.Contains(d.Message, "internal error") {
				t.Fatalf("the linter panicked: %s:%d:%d %s %s", d.File, d.Line, d.Column, d.Rule, d.Message)
			}
			if d.Line < 1 || d.Column < 1 {
				t.Errorf("%s at %s:%d:%d (path %q): position below 1: %s", d.Rule, d.File, d.Line, d.Column, d.Path, d.Message)
			}
			r, ok := rules.Get(d.Rule)
			if !ok {
				t.Errorf("finding with unknown rule %q: %s", d.Rule, d.Message)
				continue
			}
			// Checks may grade one finding below the catalog's severity
			// (a softer case of the rule), never to something that is not
			// a severity.
			if d.Severity != rules.Error && d.Severity != rules.Warning && d.Severity != rules.Info {
				t.Errorf("%s: severity %d is not error, warning or info (catalog: %v)", d.Rule, d.Severity, r.Severity)
			}
			if d.Message == "" || d.File == "" {
				t.Errorf("%s at %d:%d: empty message or file (%q, %q)", d.Rule, d.Line, d.Column, d.Message, d.File)
			}
		}
	})
}
