// Package report writes lint results in the supported formats.
package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/rules"
)

// Formats lists the values --format accepts.
var Formats = []string{"text", "json"}

// Options shape the output.
type Options struct {
	Color bool
}

// Write renders res in format to w.
func Write(w io.Writer, format string, res *lint.Result, opts Options) error {
	switch format {
	case "text", "":
		return Text(w, res, opts)
	case "json":
		return JSON(w, res)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
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

type jsonOut struct {
	Version     int        `json:"version"`
	Files       int        `json:"files"`
	Jobs        int        `json:"jobs"`
	Diagnostics []jsonDiag `json:"diagnostics"`
	Summary     struct {
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
		Infos    int `json:"infos"`
	} `json:"summary"`
}

// JSON writes the contract of DESIGN.md.
func JSON(w io.Writer, res *lint.Result) error {
	out := jsonOut{Version: 1, Files: res.Files, Jobs: res.Jobs, Diagnostics: []jsonDiag{}}
	for _, d := range res.Diagnostics {
		out.Diagnostics = append(out.Diagnostics, jsonDiag{d.Rule, d.Severity.String(), d.File, d.Line, d.Column, d.Path, d.Job, d.Message, d.Suppressed})
	}
	out.Summary.Errors, out.Summary.Warnings, out.Summary.Infos = Counts(res.Diagnostics)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

const (
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	reset  = "\x1b[0m"
)

// Text writes "file:line:col: severity RULE message", the source line and
// a caret under the column, then a summary line.
func Text(w io.Writer, res *lint.Result, opts Options) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + reset
	}
	lines := map[string][][]byte{}
	for _, d := range res.Diagnostics {
		if d.Suppressed != "" {
			continue
		}
		sev := d.Severity.String()
		switch d.Severity {
		case rules.Error:
			sev = paint(red, sev)
		case rules.Warning:
			sev = paint(yellow, sev)
		default:
			sev = paint(cyan, sev)
		}
		fmt.Fprintf(bw, "%s %s %s %s\n", paint(bold, fmt.Sprintf("%s:%d:%d:", d.File, d.Line, d.Column)), sev, paint(dim, d.Rule), d.Message)
		src, ok := res.Sources[d.File]
		if !ok {
			continue
		}
		ls, ok := lines[d.File]
		if !ok {
			ls = bytes.Split(src, []byte("\n"))
			lines[d.File] = ls
		}
		if d.Line < 1 || d.Line > len(ls) {
			continue
		}
		line := strings.TrimRight(string(ls[d.Line-1]), "\r")
		if len(line) > 200 {
			continue // minified JSON and the like: the position says enough
		}
		prefix := fmt.Sprintf("%5d | ", d.Line)
		fmt.Fprintf(bw, "%s%s\n", paint(dim, prefix), line)
		fmt.Fprintf(bw, "%s%s\n", strings.Repeat(" ", len(prefix)), paint(bold+red, caretPad(line, d.Column)+"^"))
	}
	e, wn, in := Counts(res.Diagnostics)
	fmt.Fprintf(bw, "%d %s, %d %s, %d %s in %d %s (%d %s)\n", e, plural(e, "error"), wn, plural(wn, "warning"), in, plural(in, "info"), res.Files, plural(res.Files, "file"), res.Jobs, plural(res.Jobs, "job"))
	return bw.Flush()
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
