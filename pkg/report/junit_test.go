package report

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/rules"
)

type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			File      string `xml:"file,attr"`
			Failures  []struct {
				Type    string `xml:"type,attr"`
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func parseJUnit(t *testing.T, out []byte) junitDoc {
	t.Helper()
	var doc junitDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("JUnit output does not parse: %v\n%s", err, out)
	}
	return doc
}

func TestJUnitCounts(t *testing.T) {
	rs := mixedResults(t)
	out := render(t, "junit", rs)
	doc := parseJUnit(t, out)

	if len(doc.Suites) != len(rs) {
		t.Fatalf("%d testsuites, want one per file (%d)", len(doc.Suites), len(rs))
	}
	tests, failures := 0, 0
	for i, s := range doc.Suites {
		r := rs[i]
		if s.Name != r.Path {
			t.Errorf("suite %d named %q, want %q", i, s.Name, r.Path)
		}
		if s.Tests != len(s.Cases) {
			t.Errorf("%s: tests=%d but %d testcases", s.Name, s.Tests, len(s.Cases))
		}
		failed := 0
		nFailures := 0
		for _, c := range s.Cases {
			if len(c.Failures) > 0 {
				failed++
			}
			nFailures += len(c.Failures)
			for _, f := range c.Failures {
				if _, ok := rules.Get(f.Type); !ok {
					t.Errorf("%s/%s: failure type %q is not a rule ID", s.Name, c.Name, f.Type)
				}
				if f.Message == "" || !strings.Contains(strings.SplitN(f.Text, "\n", 2)[0], ":") {
					t.Errorf("%s/%s: failure %+v lacks a message or a file:line:col", s.Name, c.Name, f)
				}
			}
		}
		if s.Failures != failed {
			t.Errorf("%s: failures=%d, but %d testcases failed", s.Name, s.Failures, failed)
		}
		// One <failure> per error or warning; infos and suppressed findings
		// do not fail a job.
		want := 0
		for _, d := range r.Diagnostics {
			if d.Suppressed == "" && d.Severity != rules.Info {
				want++
			}
		}
		if nFailures != want {
			t.Errorf("%s: %d <failure> elements, want %d", s.Name, nFailures, want)
		}
		if r.Jobs > 0 && s.Tests < r.Jobs {
			t.Errorf("%s: %d testcases for %d jobs", s.Name, s.Tests, r.Jobs)
		}
		tests += s.Tests
		failures += s.Failures
	}
	if doc.Tests != tests || doc.Failures != failures || doc.Errors != 0 {
		t.Errorf("root tests=%d failures=%d errors=%d, want %d, %d, 0", doc.Tests, doc.Failures, doc.Errors, tests, failures)
	}

	byName := map[string]int{}
	for i, s := range doc.Suites {
		byName[s.Name] = i
	}
	suite := func(name string) int {
		i, ok := byName[name]
		if !ok {
			t.Fatalf("no testsuite %q", name)
		}
		return i
	}

	// The GT3010 fixture: one job, named by LabelingJobName, failing with
	// the rule as type and the position first in the text.
	s := doc.Suites[suite("testdata/rules/GT3010.yaml")]
	if s.Tests != 1 || s.Failures != 1 || s.Cases[0].Name != "bird-boxes-2026-11" {
		t.Errorf("GT3010 suite: %+v", s)
	} else if f := s.Cases[0].Failures[0]; f.Type != "GT3010" || !strings.HasPrefix(f.Text, "testdata/rules/GT3010.yaml:23:27\n") {
		t.Errorf("GT3010 failure: %+v", f)
	}

	// Three jobs, one with a finding: three testcases, one failure.
	s = doc.Suites[suite("testdata/valid/multi-job.yaml")]
	if s.Tests != 3 || s.Failures != 1 {
		t.Errorf("multi-job suite: tests=%d failures=%d, want 3 and 1", s.Tests, s.Failures)
	}
	if len(s.Cases) > 0 && (s.Cases[0].Name != "second-job" || len(s.Cases[0].Failures) != 1) {
		t.Errorf("multi-job: first testcase %q with %d failures, want second-job with 1", s.Cases[0].Name, len(s.Cases[0].Failures))
	}

	// A file that does not parse: a testcase named for the file, failing.
	s = doc.Suites[suite("testdata/rules/GT1000_parse.yaml")]
	if s.Tests != 1 || s.Failures != 1 || s.Cases[0].Name != "testdata/rules/GT1000_parse.yaml" || s.Cases[0].Failures[0].Type != "GT1000" {
		t.Errorf("parse-error suite: %+v", s)
	}

	// An info finding passes and shows in system-out; so does a suppressed
	// one, with its reason.
	s = doc.Suites[suite("testdata/rules/GT3050.yaml")]
	if s.Failures != 0 || !strings.Contains(s.Cases[0].SystemOut, "info GT3050") {
		t.Errorf("info suite: %+v", s)
	}
	s = doc.Suites[suite("testdata/valid/suppressed-keywords.yaml")]
	if s.Failures != 0 || !strings.Contains(s.Cases[0].SystemOut, "suppressed: ") {
		t.Errorf("suppressed suite: %+v", s)
	}

	// A finding in a referenced label file belongs to its spec's job.
	s = doc.Suites[suite("testdata/rules/GT5000.yaml")]
	if s.Failures != 1 || !strings.HasPrefix(s.Cases[0].Failures[0].Text, "testdata/rules/files/GT5000-labels.json:") {
		t.Errorf("label-file suite: %+v", s)
	}
}

func TestJUnitPassingFiles(t *testing.T) {
	out := render(t, "junit", []*lint.FileResult{
		{Path: "specs/a.yaml", Jobs: 2},
		{Path: "specs/empty-dir-marker.yaml"},
	})
	doc := parseJUnit(t, out)
	if doc.Tests != 3 || doc.Failures != 0 {
		t.Fatalf("tests=%d failures=%d, want 3 and 0\n%s", doc.Tests, doc.Failures, out)
	}
	if got := doc.Suites[0].Cases[1].Name; got != "specs/a.yaml#2" {
		t.Errorf("second passing job named %q", got)
	}
}

// Messages quote markup and may hold any character; the document stays
// well-formed.
func TestJUnitEscaping(t *testing.T) {
	msg := "Wrap the content in <crowd-form> & \"quote\" it; bell \a and\nnewline"
	out := render(t, "junit", []*lint.FileResult{{Path: "specs/a&b.yaml", Jobs: 1, Diagnostics: []diag.Diagnostic{{
		Rule: "GT8020", Severity: rules.Error, File: "templates/t.liquid.html", Line: 1, Column: 1, Job: "job<1>", Message: msg,
	}}}})
	doc := parseJUnit(t, out)
	c := doc.Suites[0].Cases[0]
	if c.Name != "job<1>" || doc.Suites[0].Name != "specs/a&b.yaml" {
		t.Errorf("names: %q %q", c.Name, doc.Suites[0].Name)
	}
	if got := c.Failures[0].Message; got != strings.Replace(msg, "\a", "\uFFFD", 1) {
		t.Errorf("message round trip: %q", got)
	}
}

// Write (a collected result, no per-file data) still gives one suite per
// file.
func TestJUnitCollected(t *testing.T) {
	var ds []diag.Diagnostic
	for i, f := range []string{"a.yaml", "a.yaml", "b.yaml"} {
		ds = append(ds, diag.Diagnostic{Rule: "GT3010", Severity: rules.Error, File: f, Line: i + 1, Column: 1, Job: "j" + f, Message: fmt.Sprint("m", i)})
	}
	var sb strings.Builder
	if err := Write(&sb, "junit", &lint.Result{Files: 2, Jobs: 2, Diagnostics: ds}, Options{}); err != nil {
		t.Fatal(err)
	}
	doc := parseJUnit(t, []byte(sb.String()))
	if len(doc.Suites) != 2 || doc.Tests != 2 || doc.Failures != 2 || len(doc.Suites[0].Cases[0].Failures) != 2 {
		t.Errorf("collected: %+v", doc)
	}
}
