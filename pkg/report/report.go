// Package report writes lint results in the supported formats.
package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/rules"
)

// Formats lists the values --format accepts.
var Formats = []string{"text", "json", "sarif", "github", "junit"}

// Options shape the output.
type Options struct {
	Color bool
	// Source returns a file's content for the text format's snippet; nil
	// means the file is read from disk when needed.
	Source func(file string) []byte
}

// Writer renders results file by file as lint produces them, so output
// starts at once and memory does not grow with the number of files.
type Writer interface {
	File(r *lint.FileResult) error
	// Close writes what comes last (summary) and flushes.
	Close(files, jobs int) error
}

// New returns a Writer for format.
func New(w io.Writer, format string, opts Options) (Writer, error) {
	switch format {
	case "text", "":
		return newText(w, opts), nil
	case "json":
		return newJSON(w), nil
	case "sarif":
		return newSARIF(w), nil
	case "github":
		return newGitHub(w), nil
	case "junit":
		return newJUnit(w), nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// Write renders a collected result.
func Write(w io.Writer, format string, res *lint.Result, opts Options) error {
	if opts.Source == nil && res.Sources != nil {
		opts.Source = func(f string) []byte { return res.Sources[f] }
	}
	rw, err := New(w, format, opts)
	if err != nil {
		return err
	}
	if err := rw.File(&lint.FileResult{Diagnostics: res.Diagnostics}); err != nil {
		return err
	}
	return rw.Close(res.Files, res.Jobs)
}

// Counts tallies findings by severity.
func Counts(ds []diag.Diagnostic) (errs, warns, infos int) {
	for _, d := range ds {
		if d.Suppressed != "" {
			continue
		}
		switch d.Severity {
		case rules.Error:
			errs++
		case rules.Warning:
			warns++
		default:
			infos++
		}
	}
	return
}

type jsonDiag struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Path     string `json:"path"`
	Job      string `json:"job"`
	Message  string `json:"message"`
	// Suppressed carries the reason when an inline or config suppression
	// silenced the finding.
	Suppressed string `json:"suppressed,omitempty"`
}

type jsonWriter struct {
	w                  *bufio.Writer
	buf                bytes.Buffer
	n                  int
	errs, warns, infos int
}

func newJSON(w io.Writer) *jsonWriter {
	jw := &jsonWriter{w: bufio.NewWriter(w)}
	jw.w.WriteString("{\n  \"version\": 1,\n  \"diagnostics\": [")
	return jw
}

// File streams the findings. The object's members come in the order
// version, diagnostics, files, jobs, summary: the counts are known only at
// the end, and JSON member order carries no meaning.
func (jw *jsonWriter) File(r *lint.FileResult) error {
	for _, d := range r.Diagnostics {
		jw.buf.Reset()
		enc := json.NewEncoder(&jw.buf)
		enc.SetEscapeHTML(false) // messages quote <crowd-form> and the like
		if err := enc.Encode(jsonDiag{d.Rule, d.Severity.String(), d.File, d.Line, d.Column, d.Path, d.Job, d.Message, d.Suppressed}); err != nil {
			return err
		}
		b := bytes.TrimRight(jw.buf.Bytes(), "\n")
		if jw.n > 0 {
			jw.w.WriteByte(',')
		}
		jw.n++
		jw.w.WriteString("\n    ")
		jw.w.Write(b)
	}
	e, w, i := Counts(r.Diagnostics)
	jw.errs, jw.warns, jw.infos = jw.errs+e, jw.warns+w, jw.infos+i
	return nil
}

func (jw *jsonWriter) Close(files, jobs int) error {
	if jw.n > 0 {
		jw.w.WriteString("\n  ")
	}
	fmt.Fprintf(jw.w, "],\n  \"files\": %d,\n  \"jobs\": %d,\n  \"summary\": {\"errors\": %d, \"warnings\": %d, \"infos\": %d}\n}\n", files, jobs, jw.errs, jw.warns, jw.infos)
	return jw.w.Flush()
}

const (
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	reset  = "\x1b[0m"
)

type textWriter struct {
	w                  *bufio.Writer
	opts               Options
	errs, warns, infos int
	lines              map[string][][]byte // cache for the current file group
}

func newText(w io.Writer, opts Options) *textWriter {
	return &textWriter{w: bufio.NewWriter(w), opts: opts}
}

func (t *textWriter) paint(code, s string) string {
	if !t.opts.Color {
		return s
	}
	return code + s + reset
}

// maxSnippetFile bounds what the text format reads to show a line of a
// referenced file (a manifest can be gigabytes).
const maxSnippetFile = 8 << 20

func (t *textWriter) source(file string) [][]byte {
	if ls, ok := t.lines[file]; ok {
		return ls
	}
	var data []byte
	if t.opts.Source != nil {
		data = t.opts.Source(file)
	}
	if data == nil {
		if st, err := os.Stat(file); err == nil && st.Mode().IsRegular() && st.Size() <= maxSnippetFile {
			data, _ = os.ReadFile(file)
		}
	}
	var ls [][]byte
	if data != nil {
		ls = bytes.Split(data, []byte("\n"))
	}
	t.lines[file] = ls
	return ls
}

// File writes "file:line:col: severity RULE message", the source line and
// a caret under the column.
func (t *textWriter) File(r *lint.FileResult) error {
	t.lines = map[string][][]byte{}
	if r.Data != nil {
		t.lines[r.Path] = bytes.Split(r.Data, []byte("\n"))
	}
	for _, d := range r.Diagnostics {
		if d.Suppressed != "" {
			continue
		}
		sev := d.Severity.String()
		switch d.Severity {
		case rules.Error:
			t.errs++
			sev = t.paint(red, sev)
		case rules.Warning:
			t.warns++
			sev = t.paint(yellow, sev)
		default:
			t.infos++
			sev = t.paint(cyan, sev)
		}
		fmt.Fprintf(t.w, "%s %s %s %s\n", t.paint(bold, fmt.Sprintf("%s:%d:%d:", printable(d.File), d.Line, d.Column)), sev, t.paint(dim, d.Rule), printable(d.Message))
		ls := t.source(d.File)
		if d.Line < 1 || d.Line > len(ls) {
			continue
		}
		line := printable(strings.TrimRight(string(ls[d.Line-1]), "\r"))
		if len(line) > 200 {
			continue // minified JSON and the like: the position says enough
		}
		prefix := fmt.Sprintf("%5d | ", d.Line)
		fmt.Fprintf(t.w, "%s%s\n", t.paint(dim, prefix), line)
		fmt.Fprintf(t.w, "%s%s\n", strings.Repeat(" ", len(prefix)), t.paint(bold+red, caretPad(line, d.Column)+"^"))
	}
	return nil
}

func (t *textWriter) Close(files, jobs int) error {
	e, wn, in := t.errs, t.warns, t.infos
	fmt.Fprintf(t.w, "%d %s, %d %s, %d %s in %d %s (%d %s)\n", e, plural(e, "error"), wn, plural(wn, "warning"), in, plural(in, "info"), files, plural(files, "file"), jobs, plural(jobs, "job"))
	return t.w.Flush()
}

// caretPad keeps tabs so the caret lines up under tab-indented text.
func caretPad(line string, col int) string {
	var b strings.Builder
	for i, r := range []rune(line) {
		if i >= col-1 {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func plural(n int, s string) string {
	if n == 1 {
		return s
	}
	if s == "info" {
		return "infos"
	}
	return s + "s"
}

// printable escapes control characters (tabs aside) so that a spec cannot
// write terminal escape sequences or a line that CI systems read as a
// command (GitHub's "::error ...") into the report.
func printable(s string) string {
	clean := true
	for _, r := range s {
		if r < 0x20 && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
