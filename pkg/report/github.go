package report

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gtctl/gtctl/pkg/diag"
	"github.com/gtctl/gtctl/pkg/lint"
	"github.com/gtctl/gtctl/pkg/rules"
)

// githubWriter prints GitHub Actions workflow commands, which the runner
// turns into annotations on the pull request:
//
//	::error file=specs/birds.yaml,line=21,col=29,title=GT3010::TaskTimeLimitInSeconds is 36000; ...
//
// Errors are ::error, warnings ::warning and infos ::notice. Suppressed
// findings are left out. A plain summary line closes the output, since
// GitHub shows only the first few annotations of each kind per step.
type githubWriter struct {
	w                  *bufio.Writer
	errs, warns, infos int
}

func newGitHub(w io.Writer) *githubWriter { return &githubWriter{w: bufio.NewWriter(w)} }

func (g *githubWriter) File(r *lint.FileResult) error {
	for _, d := range r.Diagnostics {
		if d.Suppressed != "" {
			continue
		}
		switch d.Severity {
		case rules.Error:
			g.errs++
		case rules.Warning:
			g.warns++
		default:
			g.infos++
		}
		g.w.WriteString(githubCommand(d))
		g.w.WriteByte('\n')
	}
	// Flush per file, so annotations appear as lint goes.
	return g.w.Flush()
}

func (g *githubWriter) Close(files, jobs int) error {
	e, w, i := g.errs, g.warns, g.infos
	fmt.Fprintf(g.w, "gtctl: %d %s, %d %s, %d %s in %d %s (%d %s)\n", e, plural(e, "error"), w, plural(w, "warning"), i, plural(i, "info"), files, plural(files, "file"), jobs, plural(jobs, "job"))
	return g.w.Flush()
}

// githubCommand renders one finding as a workflow command.
func githubCommand(d diag.Diagnostic) string {
	cmd := "notice"
	switch d.Severity {
	case rules.Error:
		cmd = "error"
	case rules.Warning:
		cmd = "warning"
	}
	file := strings.TrimPrefix(filepath.ToSlash(d.File), "./")
	props := []string{"file=" + escapeProperty(file)}
	if d.Line >= 1 {
		props = append(props, "line="+strconv.Itoa(d.Line))
		if d.Column >= 1 {
			props = append(props, "col="+strconv.Itoa(d.Column))
		}
	}
	props = append(props, "title="+escapeProperty(d.Rule))
	return "::" + cmd + " " + strings.Join(props, ",") + "::" + escapeData(d.Message)
}

// escapeData escapes a workflow command's message: "%", CR and LF, as the
// Actions toolkit does (a raw line break would end the command and let the
// rest of the message run as a command of its own).
func escapeData(s string) string {
	return dataEscaper.Replace(s)
}

// escapeProperty escapes a property value, where ":" and "," also have a
// meaning (they end the properties and separate them).
func escapeProperty(s string) string {
	return propertyEscaper.Replace(s)
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
