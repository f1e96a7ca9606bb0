package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/rules"
)

var (
	// repoRoot is the repository root; tests start in pkg/report.
	repoRoot = func() string {
		p, err := filepath.Abs("../..")
		if err != nil {
			panic(err)
		}
		return p
	}()
	linterOnce sync.Once
	linter     *lint.Linter
	linterErr  error
)

// lintFiles lints inputs from the repository root, the way CI runs gtctl
// (paths in findings are then relative to the root), and returns each
// file's result in input order. It changes the test's working directory.
func lintFiles(t *testing.T, inputs ...lint.Input) []*lint.FileResult {
	t.Helper()
	t.Chdir(repoRoot)
	linterOnce.Do(func() { linter, linterErr = lint.New(lint.Options{Workers: 2}) })
	if linterErr != nil {
		t.Fatal(linterErr)
	}
	var out []*lint.FileResult
	err := linter.Stream(context.Background(), inputs, func(r *lint.FileResult) error {
		if !r.Skipped {
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// multiJob is a file of three jobs of which only the second has a finding
// (GT3010): two copies of a valid spec around a copy of the GT3010
// fixture, each under its own name.
func multiJob(t *testing.T) lint.Input {
	t.Helper()
	valid, err := os.ReadFile(filepath.Join(repoRoot, "testdata/valid/bounding-box-private.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	bad, err := os.ReadFile(filepath.Join(repoRoot, "testdata/rules/GT3010.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	rename := func(b []byte, name string) string {
		return strings.Replace(string(b), "LabelingJobName: bird-boxes-2026-11", "LabelingJobName: "+name, 1)
	}
	data := rename(valid, "first-job") + "---\n" + rename(bad, "second-job") + "---\n" + rename(valid, "third-job")
	// A path beside the valid fixtures, so relative references resolve the
	// same way; the content comes from Data.
	return lint.Input{Path: "testdata/valid/multi-job.yaml", Data: []byte(data)}
}

// mixedResults lints fixtures whose findings cover every severity, a
// suppressed finding, a file that does not parse, a finding in a
// referenced label file, stdin and a file with several jobs.
func mixedResults(t *testing.T) []*lint.FileResult {
	t.Helper()
	stdin, err := os.ReadFile(filepath.Join(repoRoot, "testdata/rules/GT4065.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	mj := multiJob(t)
	rs := lintFiles(t,
		lint.Input{Path: "testdata/rules/GT3010.yaml"},              // error
		lint.Input{Path: "testdata/rules/GT4065.yaml"},              // warning
		lint.Input{Path: "testdata/rules/GT3050.yaml"},              // info
		lint.Input{Path: "testdata/valid/suppressed-keywords.yaml"}, // suppressed warning
		lint.Input{Path: "testdata/rules/GT1000_parse.yaml"},        // does not parse
		lint.Input{Path: "testdata/rules/GT5000.yaml"},              // finding in the label file
		lint.Input{Path: "<stdin>", Data: stdin},
		mj,
	)
	var sev [3]int
	suppressed := 0
	for _, r := range rs {
		for _, d := range r.Diagnostics {
			if d.Suppressed != "" {
				suppressed++
			} else {
				sev[d.Severity]++
			}
		}
	}
	if sev[rules.Error] == 0 || sev[rules.Warning] == 0 || sev[rules.Info] == 0 {
		t.Fatalf("fixtures gave %d errors, %d warnings, %d infos; the test needs each", sev[rules.Error], sev[rules.Warning], sev[rules.Info])
	}
	if suppressed == 0 {
		// Inline suppression is lint's job; should the fixture stop
		// producing one, keep the report's case covered with a finding
		// marked the way lint marks it.
		t.Logf("testdata/valid/suppressed-keywords.yaml produced no suppressed finding; marking one by hand")
		rs = append(rs, &lint.FileResult{Path: "testdata/valid/suppressed-keywords.yaml", Jobs: 1, Diagnostics: []diag.Diagnostic{{
			Rule: "GT4080", Severity: rules.Warning, File: "testdata/valid/suppressed-keywords.yaml", Line: 17, Column: 1,
			Path: "HumanTaskConfig", Job: "cat-or-dog-2026-11", Message: "Add HumanTaskConfig.TaskKeywords so Mechanical Turk workers can find your task.",
			Suppressed: "workers reach this task through a direct link",
		}}})
	}
	return rs
}

// render writes results in format and returns the output.
func render(t *testing.T, format string, rs []*lint.FileResult) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := New(&buf, format, Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, jobs := 0, 0
	for _, r := range rs {
		files++
		jobs += r.Jobs
		if err := w.File(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(files, jobs); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestFormatsAreAllConstructible(t *testing.T) {
	for _, f := range Formats {
		if _, err := New(&bytes.Buffer{}, f, Options{}); err != nil {
			t.Errorf("New(%q): %v", f, err)
		}
	}
	if _, err := New(&bytes.Buffer{}, "xml", Options{}); err == nil {
		t.Error(`New("xml") succeeded; want an error`)
	}
}
