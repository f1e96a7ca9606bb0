package report

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/rules"
)

// JUnit XML, as CI systems (GitLab, Jenkins, Azure Pipelines, the test
// reporters of GitHub Actions) read it: one <testsuites> root, one
// <testsuite> per spec file and one <testcase> per job. Each error or
// warning of a job is a <failure> of its testcase (type: the rule ID,
// message: the finding's message, text: file:line:col and the rule); infos
// and suppressed findings go to the testcase's <system-out> and do not fail
// it, as they do not fail lint. A file that does not parse is a testcase of
// its own, named after the file, with the parse findings as failures.
//
// Counts follow the usual reading of the attributes: tests is the number of
// testcases and failures the number of testcases that failed (not the
// number of <failure> elements, which can be larger).
//
// Jobs are named by LabelingJobName (lint.FileResult.JobNames); a document
// without one is named by its file and its document number.
type junitWriter struct {
	w               *bufio.Writer
	suites          bytes.Buffer
	tests, failures int
}

type (
	junitSuite struct {
		XMLName  xml.Name    `xml:"testsuite"`
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Skipped  int         `xml:"skipped,attr"`
		Cases    []junitCase `xml:"testcase"`
	}
	junitCase struct {
		Name      string         `xml:"name,attr"`
		Classname string         `xml:"classname,attr"`
		File      string         `xml:"file,attr,omitempty"`
		Failures  []junitFailure `xml:"failure"`
		SystemOut string         `xml:"system-out,omitempty"`
	}
	junitFailure struct {
		Type    string `xml:"type,attr"`
		Message string `xml:"message,attr"`
		Text    string `xml:",chardata"`
	}
)

func newJUnit(w io.Writer) *junitWriter { return &junitWriter{w: bufio.NewWriter(w)} }

func (j *junitWriter) File(r *lint.FileResult) error {
	if r.Skipped {
		return nil
	}
	if r.Path == "" {
		// A collected result (Write): findings of many files, job counts
		// unknown. One suite per file, the jobs that have findings.
		var order []string
		byFile := map[string][]diag.Diagnostic{}
		for _, d := range r.Diagnostics {
			if _, ok := byFile[d.File]; !ok {
				order = append(order, d.File)
			}
			byFile[d.File] = append(byFile[d.File], d)
		}
		for _, f := range order {
			if err := j.suite(f, -1, nil, byFile[f]); err != nil {
				return err
			}
		}
		return nil
	}
	return j.suite(r.Path, r.Jobs, r.JobNames, r.Diagnostics)
}

// suite renders the testsuite of one spec file with jobs documents (-1:
// unknown) and its findings.
func (j *junitWriter) suite(path string, jobs int, names []string, ds []diag.Diagnostic) error {
	file := strings.TrimPrefix(filepath.ToSlash(path), "./")
	var order []string
	byJob := map[string][]diag.Diagnostic{}
	for _, d := range ds {
		if _, ok := byJob[d.Job]; !ok {
			order = append(order, d.Job)
		}
		byJob[d.Job] = append(byJob[d.Job], d)
	}
	// Named jobs first, in the order their findings come (the findings
	// are sorted by position, so that is document order); then the
	// findings that belong to no named job (a document without a
	// LabelingJobName, or the file itself when it does not parse).
	s := junitSuite{Name: file}
	named := 0
	for _, job := range order {
		if job != "" {
			s.Cases = append(s.Cases, junitTestcase(job, file, byJob[job]))
			named++
		}
	}
	covered := named
	if unnamed, ok := byJob[""]; ok {
		s.Cases = append(s.Cases, junitTestcase(file, file, unnamed))
		if jobs > named {
			covered++ // an unnamed document; otherwise file-level findings
		}
	}
	if len(names) == jobs && jobs >= 0 {
		// The passing jobs by name, in document order.
		for i, name := range names {
			if _, failed := byJob[name]; failed {
				continue
			}
			if name == "" {
				name = fmt.Sprintf("%s#%d", file, i+1)
			}
			s.Cases = append(s.Cases, junitCase{Name: name, Classname: file, File: file})
		}
	} else {
		for i := covered; i < jobs; i++ {
			s.Cases = append(s.Cases, junitCase{Name: fmt.Sprintf("%s#%d", file, len(s.Cases)+1), Classname: file, File: file})
		}
	}
	if len(s.Cases) == 0 {
		// No job and no finding: the file itself passes.
		s.Cases = append(s.Cases, junitCase{Name: file, Classname: file, File: file})
	}
	s.Tests = len(s.Cases)
	for _, c := range s.Cases {
		if len(c.Failures) > 0 {
			s.Failures++
		}
	}
	j.tests += s.Tests
	j.failures += s.Failures
	b, err := xml.MarshalIndent(s, "  ", "  ")
	if err != nil {
		return err
	}
	j.suites.Write(b)
	j.suites.WriteByte('\n')
	return nil
}

func junitTestcase(name, file string, ds []diag.Diagnostic) junitCase {
	c := junitCase{Name: name, Classname: file, File: file}
	var out strings.Builder
	for _, d := range ds {
		loc := fmt.Sprintf("%s:%d:%d", filepath.ToSlash(d.File), d.Line, d.Column)
		switch {
		case d.Suppressed != "":
			fmt.Fprintf(&out, "%s: %s %s %s (suppressed: %s)\n", loc, d.Severity, d.Rule, d.Message, d.Suppressed)
		case d.Severity == rules.Info:
			fmt.Fprintf(&out, "%s: %s %s %s\n", loc, d.Severity, d.Rule, d.Message)
		default:
			c.Failures = append(c.Failures, junitFailure{Type: d.Rule, Message: d.Message, Text: failureText(loc, d)})
		}
	}
	c.SystemOut = out.String()
	return c
}

// failureText is the body of a <failure>: the position first, then the
// severity, rule, member path and the rule's page.
func failureText(loc string, d diag.Diagnostic) string {
	var b strings.Builder
	b.WriteString(loc + "\n")
	rule := d.Rule
	if r, ok := rules.Get(d.Rule); ok {
		rule += ": " + r.Title
	}
	fmt.Fprintf(&b, "%s %s\n", d.Severity, rule)
	if d.Path != "" {
		fmt.Fprintf(&b, "path: %s\n", d.Path)
	}
	if r, ok := rules.Get(d.Rule); ok {
		fmt.Fprintf(&b, "see: %s\n", r.URL)
	}
	return b.String()
}

// Close writes the document: the root's totals are known only now, so the
// rendered suites wait in memory (a few hundred bytes per job).
func (j *junitWriter) Close(files, jobs int) error {
	j.w.WriteString(xml.Header)
	fmt.Fprintf(j.w, "<testsuites name=\"gtctl lint\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\">\n", j.tests, j.failures)
	j.w.Write(j.suites.Bytes())
	j.w.WriteString("</testsuites>\n")
	return j.w.Flush()
}
